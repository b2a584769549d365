/* Models include/linux/error-injection.h: nothing from it is available to modules yet. */
