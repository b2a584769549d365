/* Models include/linux/path.h. */
#ifndef _LINUX_PATH_H
#define _LINUX_PATH_H
struct dentry;
struct vfsmount;

/* <kwb-layout path>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};
/* </kwb-layout path> */

#endif
