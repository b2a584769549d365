/* SPDX-License-Identifier: GPL-2.0 */
/* edu: ioctl interface of the edu driver, shared with user test programs. */
#ifndef EDU_UAPI_H
#define EDU_UAPI_H

#ifdef __KERNEL__
#include <linux/ioctl.h>
#include <linux/types.h>
#else
#include <sys/ioctl.h>
#include <stdint.h>
typedef uint32_t __u32;
#endif

struct edu_fact {
	__u32 n;	/* in: n */
	__u32 result;	/* out: n! computed by the device (32-bit, wraps) */
};

#define EDU_IOC_MAGIC		'E'
/* factorial, waiting by polling the status register */
#define EDU_IOC_FACT_POLL	_IOWR(EDU_IOC_MAGIC, 1, struct edu_fact)
/* factorial, waiting for the device's interrupt */
#define EDU_IOC_FACT_IRQ	_IOWR(EDU_IOC_MAGIC, 2, struct edu_fact)
/* DMA round trip of a 4 KiB pattern through the device buffer; returns 0 if it came back intact */
#define EDU_IOC_DMA_TEST	_IO(EDU_IOC_MAGIC, 3)
/* the liveness check: returns ~value */
#define EDU_IOC_LIVENESS	_IOWR(EDU_IOC_MAGIC, 4, __u32)

#endif
