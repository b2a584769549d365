/* Models include/linux/scatterlist.h (scatterlists are not available to modules yet); its includes are Linux's. */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H
#include <linux/string.h>
#include <linux/types.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <asm/io.h>
struct scatterlist;
#endif
