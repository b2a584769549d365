/* Models include/linux/jump_label.h: nothing from it is available to modules yet. */
