/* Models include/linux/cpumask.h (one CPU). */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H
#include <linux/bitmap.h>
#endif
