/* Models include/linux/tracepoint-defs.h: nothing from it is available to modules yet. */
