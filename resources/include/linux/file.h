/* Models include/linux/file.h (Linux 6.1): file descriptor helpers for kernel code. Modules here get no file
 * table access (fget, fd_install and the rest are not exported yet), so only the header's includes are given. */
#ifndef __LINUX_FILE_H
#define __LINUX_FILE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>

struct file;

#endif /* __LINUX_FILE_H */
