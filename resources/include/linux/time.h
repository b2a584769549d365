/* Models include/linux/time.h: the clock ids; time units and timespec64 come from linux/time64.h, as in Linux. */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H
#include <linux/types.h>
#include <linux/math64.h>
#include <linux/time64.h>
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_BOOTTIME			7
#define CLOCK_TAI			11
#endif
