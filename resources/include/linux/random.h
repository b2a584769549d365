/* Models include/linux/random.h: randomness from the machine's seeded PRNG (deterministic). */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H
#include <linux/types.h>
void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline unsigned long get_random_long(void) { return get_random_u32(); }
static inline unsigned int get_random_int(void) { return get_random_u32(); }
u32 __get_random_u32_below(u32 ceil);
static inline u32 get_random_u32_below(u32 ceil) { return __get_random_u32_below(ceil); }
static inline u32 prandom_u32_max(u32 ep_ro) { return get_random_u32_below(ep_ro); }
#endif
