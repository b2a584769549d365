/* Models include/linux/hardirq.h: context queries live in linux/preempt.h. */
#include <linux/preempt.h>
