/* Models include/uapi/asm-generic/mman-common.h and uapi/linux/mman.h: mmap protection and flags. */
#ifndef _UAPI_LINUX_MMAN_H
#define _UAPI_LINUX_MMAN_H
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8
#define PROT_NONE	0x0
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_POPULATE	0x008000
#define MAP_NONBLOCK	0x010000
#define MAP_FAILED	((void *) -1)
#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4
#endif
