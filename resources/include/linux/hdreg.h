/* Models include/linux/hdreg.h (Linux 6.1): the kernel's view of uapi/linux/hdreg.h. */
#ifndef _LINUX_HDREG_H
#define _LINUX_HDREG_H

#include <uapi/linux/hdreg.h>

#endif /* _LINUX_HDREG_H */
