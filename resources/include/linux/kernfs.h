/* Models include/linux/kernfs.h (opaque to modules). */
#include <linux/err.h>
#include <linux/idr.h>
#include <linux/rwsem.h>
struct kernfs_node;
