/* sys/ioctl.h for user programs: ioctl() and Linux's _IO/_IOR/_IOW/_IOWR encoding. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <asm/ioctl.h>
#define FIONREAD 0x541B
#define FIONBIO 0x5421
int ioctl(int fd, unsigned long request, ...);
#endif
