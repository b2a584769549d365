/* Models include/linux/mman.h. */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H
#include <linux/mm.h>
#include <uapi/linux/mman.h>
#endif
