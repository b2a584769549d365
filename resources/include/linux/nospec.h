/* Models include/linux/nospec.h: array_index_nospec() clamps an index under speculation; wasm does not speculate, the clamp stays. */
#ifndef _LINUX_NOSPEC_H
#define _LINUX_NOSPEC_H
#include <linux/compiler.h>

/* ~0UL when index < size, else 0 (Linux's generic array_index_mask_nospec). */
static inline unsigned long array_index_mask_nospec(unsigned long index, unsigned long size)
{
	return ~(long)(index | (size - 1UL - index)) >> (sizeof(long) * 8 - 1);
}

#define array_index_nospec(index, size)					\
({									\
	typeof(index) _i = (index);					\
	typeof(size) _s = (size);					\
	unsigned long _mask = array_index_mask_nospec(_i, _s);		\
	(typeof(_i)) (_i & _mask);					\
})
#endif
