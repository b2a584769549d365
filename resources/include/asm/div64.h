/* Models arch/x86/include/asm/div64.h on x86_64: the generic do_div. */
#ifndef _ASM_X86_DIV64_H
#define _ASM_X86_DIV64_H
#include <asm-generic/div64.h>
#endif /* _ASM_X86_DIV64_H */
