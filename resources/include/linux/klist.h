/* Models include/linux/klist.h (opaque to modules). */
