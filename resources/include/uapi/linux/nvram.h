/* Models include/uapi/linux/nvram.h (Linux 6.1): /dev/nvram's ioctls and where the PC's CMOS NVRAM begins. */
#ifndef _UAPI_LINUX_NVRAM_H
#define _UAPI_LINUX_NVRAM_H

#include <linux/ioctl.h>

/* /dev/nvram ioctls */
#define NVRAM_INIT	_IO('p', 0x40) /* initialize NVRAM and set checksum */
#define NVRAM_SETCKS	_IO('p', 0x41) /* recalculate checksum */

/* the NVRAM starts after the clock's 14 registers */
#define NVRAM_FIRST_BYTE    14
/* NVRAM offset of a CMOS address */
#define NVRAM_OFFSET(x)   ((x)-NVRAM_FIRST_BYTE)

#endif /* _UAPI_LINUX_NVRAM_H */
