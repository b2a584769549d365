/* Models include/linux/cpumask.h (one CPU). */
