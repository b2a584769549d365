/* Models include/uapi/linux/hdreg.h (Linux 6.1): struct hd_geometry and the HDIO_GETGEO ioctl (the rest of the legacy IDE ioctls is left out). */
#ifndef _UAPI_LINUX_HDREG_H
#define _UAPI_LINUX_HDREG_H

#include <linux/types.h>

/* <kwb-layout hd_geometry>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct hd_geometry {
	unsigned char heads;
	unsigned char sectors;
	unsigned short cylinders;
	unsigned long start;
};
/* </kwb-layout hd_geometry> */

/* hd/ide ctl's that pass (arg) ptrs to user space are numbered 0x030n/0x031n */
#define HDIO_GETGEO		0x0301	/* get device geometry */

#endif /* _UAPI_LINUX_HDREG_H */
