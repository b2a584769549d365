/* Models include/linux/ioctl.h. */
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H
#include <uapi/asm-generic/ioctl.h>
#endif
