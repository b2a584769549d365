/* Models include/linux/pagemap.h: its includes, so that what it makes complete for its users is Linux's. The page cache's own API (address_space and folio helpers) is not declared: this kernel's page cache is not reachable from C. */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/highmem.h>
#include <linux/compiler.h>
#include <linux/uaccess.h>
#include <linux/gfp.h>
#include <linux/bitops.h>
#include <linux/hardirq.h>

#endif /* _LINUX_PAGEMAP_H */
