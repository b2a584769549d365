/* Models include/asm-generic/div64.h: do_div(n, base) divides the u64 lvalue n by a 32-bit base in place and
 * yields the remainder. The compiler divides 64-bit values itself here (as on a 64-bit kernel), so it is plain C. */
#ifndef _ASM_GENERIC_DIV64_H
#define _ASM_GENERIC_DIV64_H
#include <linux/types.h>
#include <linux/compiler.h>

#define do_div(n, base) ({					\
	uint32_t __base = (base);				\
	uint32_t __rem;						\
	__rem = ((uint64_t)(n)) % __base;			\
	(n) = ((uint64_t)(n)) / __base;				\
	__rem;							\
 })

#endif /* _ASM_GENERIC_DIV64_H */
