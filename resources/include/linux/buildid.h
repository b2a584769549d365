/* Models include/linux/buildid.h: nothing from it is available to modules yet. */
