/* Models include/linux/linkage.h. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H
#include <linux/compiler_types.h>
#include <linux/stringify.h>
#define asmlinkage
#define __visible_asm
#endif
