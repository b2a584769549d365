/* Models include/linux/timekeeping.h: clock reads (imports over kernel-sim's virtual time). */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H
#include <linux/types.h>
#include <linux/time.h>
extern ktime_t ktime_get(void);
extern ktime_t ktime_get_real(void);
extern ktime_t ktime_get_boottime(void);
extern ktime_t ktime_get_raw(void);
extern u64 ktime_get_ns(void);
extern u64 ktime_get_real_ns(void);
extern u64 ktime_get_boottime_ns(void);
extern u64 ktime_get_raw_ns(void);
extern time64_t ktime_get_seconds(void);
extern time64_t ktime_get_real_seconds(void);
extern void ktime_get_real_ts64(struct timespec64 *tv);
extern void ktime_get_ts64(struct timespec64 *ts);
#define ktime_get_mono_fast_ns ktime_get_ns
#endif
