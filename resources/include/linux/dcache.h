/* Models include/linux/dcache.h: struct qstr and struct dentry's leading fields, in Linux's order (drivers read d_name, d_inode, d_parent). */
#ifndef __LINUX_DCACHE_H
#define __LINUX_DCACHE_H
#include <linux/types.h>
struct dentry;
struct qstr {
	union {
		struct {
			u32 hash;
			u32 len;
		};
		u64 hash_len;
	};
	const unsigned char *name;
};

struct inode;
struct super_block;
struct dentry_operations;
#define DNAME_INLINE_LEN 36	/* 32-bit SMP, as Linux sizes it */

struct dentry {
	unsigned int d_flags;
	unsigned int d_seq;
	struct { void *next, **pprev; } d_hash;	/* struct hlist_bl_node */
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	unsigned char d_iname[DNAME_INLINE_LEN];
	struct { unsigned int count; } d_lockref;
	const struct dentry_operations *d_op;
	struct super_block *d_sb;
	unsigned long d_time;
	void *d_fsdata;
};
/* kernel-sim fills the dentry of an open file (file->f_path.dentry) at these offsets (kernel/module/fops.ts). */
_Static_assert(__builtin_offsetof(struct dentry, d_parent) == 16 && __builtin_offsetof(struct dentry, d_name) == 24 &&
	       __builtin_offsetof(struct dentry, d_inode) == 40 && __builtin_offsetof(struct dentry, d_iname) == 44 &&
	       sizeof(struct dentry) == 104, "struct dentry layout");
#endif
