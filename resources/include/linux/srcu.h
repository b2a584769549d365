/* Models include/linux/srcu.h: nothing of SRCU is available to modules yet; it reaches linux/mutex.h as Linux's does. */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H
#include <linux/mutex.h>
#endif
