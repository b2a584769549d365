/* Models include/linux/nodemask.h (one node). */
