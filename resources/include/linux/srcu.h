/* Models include/linux/srcu.h: nothing from it is available to modules yet. */
