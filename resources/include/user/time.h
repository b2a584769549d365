/* time.h for user programs: nanosleep. */
#ifndef _TIME_H
#define _TIME_H
#include <sys/types.h>
/*
 * The kernel reads x86-64's struct __kernel_timespec (two 64-bit fields). A wasm32 program is ILP32 on a 64-bit
 * kernel ABI, as x32 is, and takes x32's layout: tv_nsec 64-bit too (glibc's __syscall_slong_t on x32).
 */
struct timespec { time_t tv_sec; long long tv_nsec; };
int nanosleep(const struct timespec *req, struct timespec *rem);
#endif
