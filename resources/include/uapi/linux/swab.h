/* Models include/uapi/linux/swab.h: byte swapping of 16, 32 and 64-bit values (the compiler's bswap builtins). */
#ifndef _UAPI_LINUX_SWAB_H
#define _UAPI_LINUX_SWAB_H
#include <linux/types.h>

static inline __attribute_const__ __u16 __fswab16(__u16 val) { return __builtin_bswap16(val); }
static inline __attribute_const__ __u32 __fswab32(__u32 val) { return __builtin_bswap32(val); }
static inline __attribute_const__ __u64 __fswab64(__u64 val) { return __builtin_bswap64(val); }
static inline __attribute_const__ __u32 __fswahw32(__u32 val) { return (val << 16) | (val >> 16); }
static inline __attribute_const__ __u32 __fswahb32(__u32 val) { return ((val & 0x00ff00ffUL) << 8) | ((val & 0xff00ff00UL) >> 8); }

#define __swab16(x) ((__u16)__builtin_bswap16((__u16)(x)))
#define __swab32(x) ((__u32)__builtin_bswap32((__u32)(x)))
#define __swab64(x) ((__u64)__builtin_bswap64((__u64)(x)))
#define __swahw32(x) __fswahw32(x)
#define __swahb32(x) __fswahb32(x)

static inline __u16 __swab16p(const __u16 *p) { return __swab16(*p); }
static inline __u32 __swab32p(const __u32 *p) { return __swab32(*p); }
static inline __u64 __swab64p(const __u64 *p) { return __swab64(*p); }
static inline void __swab16s(__u16 *p) { *p = __swab16p(p); }
static inline void __swab32s(__u32 *p) { *p = __swab32p(p); }
static inline void __swab64s(__u64 *p) { *p = __swab64p(p); }
#endif
