/* Models include/linux/rbtree_types.h. */
#ifndef _LINUX_RBTREE_TYPES_H
#define _LINUX_RBTREE_TYPES_H

/* <kwb-layout rb_node>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};
/* </kwb-layout rb_node> */

struct rb_root {
	struct rb_node *rb_node;
};
#define RB_ROOT (struct rb_root) { NULL, }
#endif
