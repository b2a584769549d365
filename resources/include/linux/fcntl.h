/* Models include/linux/fcntl.h. */
#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H
#include <uapi/asm-generic/fcntl.h>
#define AT_FDCWD		-100
#endif
