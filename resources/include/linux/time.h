/* Models include/linux/time.h and vdso/time64.h: time units and timespec64. */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H
#include <linux/types.h>
#define MSEC_PER_SEC	1000L
#define USEC_PER_MSEC	1000L
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L
#define FSEC_PER_SEC	1000000000000000LL
struct timespec64 {
	time64_t	tv_sec;
	long		tv_nsec;
};
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_BOOTTIME			7
#define CLOCK_TAI			11
#endif
