/* Models include/linux/bitops.h: bit operations on unsigned long arrays (single CPU, so plain C is atomic enough). */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H
#include <linux/types.h>
#include <linux/bits.h>
/* Linux reaches the byte order through asm/bitops.h's asm-generic/bitops/le.h. */
#include <asm/byteorder.h>
#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_BYTES(nr)	DIV_ROUND_UP(nr, BITS_PER_TYPE(char))
#define BITS_TO_U32(nr)		(((nr) + 31) / 32)
static inline void set_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] |= BIT_MASK(nr); }
static inline void clear_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] &= ~BIT_MASK(nr); }
static inline void change_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] ^= BIT_MASK(nr); }
static inline bool test_bit(long nr, const volatile unsigned long *addr) { return 1UL & (addr[BIT_WORD(nr)] >> (nr & (BITS_PER_LONG - 1))); }
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr) { bool old = test_bit(nr, addr); set_bit(nr, addr); return old; }
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr) { bool old = test_bit(nr, addr); clear_bit(nr, addr); return old; }
static inline bool test_and_change_bit(long nr, volatile unsigned long *addr) { bool old = test_bit(nr, addr); change_bit(nr, addr); return old; }
#define __set_bit set_bit
#define __clear_bit clear_bit
#define __change_bit change_bit
#define __test_and_set_bit test_and_set_bit
#define __test_and_clear_bit test_and_clear_bit
#define clear_bit_unlock clear_bit
#define test_and_set_bit_lock test_and_set_bit
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static inline int ffs(int x) { return __builtin_ffs(x); }
static inline unsigned long __ffs(unsigned long word) { return __builtin_ctzl(word); }
static inline unsigned long __fls(unsigned long word) { return BITS_PER_LONG - 1 - __builtin_clzl(word); }
static inline unsigned long ffz(unsigned long word) { return __ffs(~word); }
static inline unsigned int hweight32(unsigned int w) { return __builtin_popcount(w); }
static inline unsigned int hweight16(unsigned int w) { return __builtin_popcount(w & 0xffff); }
static inline unsigned int hweight8(unsigned int w) { return __builtin_popcount(w & 0xff); }
static inline unsigned long hweight64(u64 w) { return __builtin_popcountll(w); }
static inline unsigned long hweight_long(unsigned long w) { return __builtin_popcountl(w); }
static inline u32 rol32(u32 word, unsigned int shift) { return (word << (shift & 31)) | (word >> ((-shift) & 31)); }
static inline u32 ror32(u32 word, unsigned int shift) { return (word >> (shift & 31)) | (word << ((-shift) & 31)); }
/* Linux's linux/find.h (reached through linux/bitmap.h there): inline wrappers over lib/find_bit.c's exports; size when none. */
extern unsigned long _find_next_bit(const unsigned long *addr1, unsigned long nbits, unsigned long start);
extern unsigned long _find_next_zero_bit(const unsigned long *addr, unsigned long nbits, unsigned long start);
extern unsigned long _find_first_bit(const unsigned long *addr, unsigned long size);
extern unsigned long _find_first_zero_bit(const unsigned long *addr, unsigned long size);
extern unsigned long _find_last_bit(const unsigned long *addr, unsigned long size);
static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return _find_next_bit(addr, size, offset);
}
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return _find_next_zero_bit(addr, size, offset);
}
static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return _find_first_bit(addr, size);
}
static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return _find_first_zero_bit(addr, size);
}
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	return _find_last_bit(addr, size);
}
#define for_each_set_bit(bit, addr, size) \
	for ((bit) = find_first_bit((addr), (size)); (bit) < (size); (bit) = find_next_bit((addr), (size), (bit) + 1))
#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = find_first_zero_bit((addr), (size)); (bit) < (size); (bit) = find_next_zero_bit((addr), (size), (bit) + 1))
#include <linux/math.h>
#endif
