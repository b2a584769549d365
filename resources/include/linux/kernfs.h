/* Models include/linux/kernfs.h (opaque to modules). */
struct kernfs_node;
