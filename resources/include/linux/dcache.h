/* Models include/linux/dcache.h: only what modules name (struct qstr; dentries are opaque). */
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
#endif
