/* Models include/linux/rbtree_latch.h: nothing from it is available to modules yet. */
