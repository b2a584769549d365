/* sys/types.h for user programs. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <stddef.h>
#include <stdint.h>
typedef long ssize_t;
typedef long long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
/* 64-bit, as every 32-bit libc has it now (glibc's _TIME_BITS=64, musl 1.2): the kernel's time is x86-64's. */
typedef long long time_t;
typedef unsigned long useconds_t;
#endif
