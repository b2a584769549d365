/* Models include/linux/byteorder/little_endian.h: the uapi conversions plus linux/byteorder/generic.h's names. */
#ifndef _LINUX_BYTEORDER_LITTLE_ENDIAN_H
#define _LINUX_BYTEORDER_LITTLE_ENDIAN_H
#include <uapi/linux/byteorder/little_endian.h>
#include <linux/byteorder/generic.h>
#endif
