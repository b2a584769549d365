/* Models include/linux/jiffies.h: jiffies is kernel data (a GOT.mem import) advanced by kernel-sim's virtual clock; HZ is 250 as in Debian's 6.1. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/time.h>
#define HZ		CONFIG_HZ
#define USER_HZ		100
#define CLOCKS_PER_SEC	(USER_HZ)
#define TICK_NSEC	((NSEC_PER_SEC + HZ/2) / HZ)
extern u64 jiffies_64;
extern unsigned long volatile jiffies;
extern u64 get_jiffies_64(void);
#define time_after(a,b)		((long)((b) - (a)) < 0)
#define time_before(a,b)	time_after(b,a)
#define time_after_eq(a,b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a,b)	time_after_eq(b,a)
#define time_in_range(a,b,c)	(time_after_eq(a,b) && time_before_eq(a,c))
#define time_after64(a,b)	((s64)((b) - (a)) < 0)
#define time_before64(a,b)	time_after64(b,a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1)-1)
extern unsigned int jiffies_to_msecs(const unsigned long j);
extern unsigned int jiffies_to_usecs(const unsigned long j);
extern u64 jiffies_to_nsecs(const unsigned long j);
extern unsigned long msecs_to_jiffies(const unsigned int m);
extern unsigned long usecs_to_jiffies(const unsigned int u);
extern unsigned long nsecs_to_jiffies(u64 n);
extern u64 nsecs_to_jiffies64(u64 n);
extern unsigned long round_jiffies(unsigned long j);
extern unsigned long round_jiffies_relative(unsigned long j);
#define secs_to_jiffies(_secs) ((unsigned long)(_secs) * HZ)
#endif
