/* Models arch/x86/include/asm/pgtable_types.h: pgprot_t. */
#ifndef _ASM_X86_PGTABLE_DEFS_H
#define _ASM_X86_PGTABLE_DEFS_H
#include <linux/types.h>
typedef unsigned long pgprotval_t;

/* <kwb-layout pgprot_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	pgprotval_t pgprot;
} pgprot_t;
/* </kwb-layout pgprot_t> */

#define pgprot_val(x)	((x).pgprot)
#define __pgprot(x)	((pgprot_t) { (x) } )
#define _PAGE_PCD	0x010
#define _PAGE_PWT	0x008
#define pgprot_noncached(prot) __pgprot(pgprot_val(prot) | _PAGE_PCD | _PAGE_PWT)
#define pgprot_writecombine(prot) __pgprot(pgprot_val(prot) | _PAGE_PWT)
#define pgprot_device(prot) pgprot_noncached(prot)
#endif
