/* SPDX-License-Identifier: GPL-2.0 */
/* logbuf: the ioctl interface of /dev/logbuf0, shared by the driver and its user test program. */
#ifndef LOGBUF_UAPI_H
#define LOGBUF_UAPI_H

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define LOGBUF_SIZE		4096	/* bytes the device can hold */

#define LOGBUF_IOC_MAGIC	'L'
/* how many bytes the log holds: the kernel writes an int to user space */
#define LOGBUF_IOC_GET_SIZE	_IOR(LOGBUF_IOC_MAGIC, 1, int)
/* accept at most this many bytes (0 to LOGBUF_SIZE): user space passes an int in */
#define LOGBUF_IOC_SET_LIMIT	_IOW(LOGBUF_IOC_MAGIC, 2, int)
/* forget everything written so far: no data either way */
#define LOGBUF_IOC_CLEAR	_IO(LOGBUF_IOC_MAGIC, 3)

#endif
