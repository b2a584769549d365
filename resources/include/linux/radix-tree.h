/* Models include/linux/radix-tree.h (Linux 6.1): a radix tree root is an xarray; what IDR users see of it. */
#ifndef _LINUX_RADIX_TREE_H
#define _LINUX_RADIX_TREE_H
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/xarray.h>

#define radix_tree_root		xarray
#define radix_tree_node		xa_node

/* The IDR flag in a root's gfp mask, and where the tags begin (XA_FLAGS_MARK's shift). */
#define ROOT_IS_IDR	((__force gfp_t)4)
#define ROOT_TAG_SHIFT	(__GFP_BITS_SHIFT_XA)

#define RADIX_TREE_INIT(name, mask)	XARRAY_INIT(name, mask)
#define RADIX_TREE(name, mask) \
	struct radix_tree_root name = RADIX_TREE_INIT(name, mask)
#define INIT_RADIX_TREE(root, mask) xa_init_flags(root, mask)

static inline bool radix_tree_empty(const struct radix_tree_root *root)
{
	return root->xa_head == NULL;
}
#endif /* _LINUX_RADIX_TREE_H */
