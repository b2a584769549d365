/* Models include/linux/sched/task.h. */
#include <linux/sched.h>
