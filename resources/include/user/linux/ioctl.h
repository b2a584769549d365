/* Models include/uapi/linux/ioctl.h for user programs: the _IO/_IOR/_IOW/_IOWR encoding, as <asm/ioctl.h> gives it. */
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H
#include <asm/ioctl.h>
#endif
