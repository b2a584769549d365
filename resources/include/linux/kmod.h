/* Models include/linux/kmod.h: request_module. */
#ifndef __LINUX_KMOD_H__
#define __LINUX_KMOD_H__
#include <linux/compiler.h>
#include <linux/types.h>
extern __printf(2, 3) int __request_module(bool wait, const char *name, ...);
#define request_module(mod...) __request_module(true, mod)
#define request_module_nowait(mod...) __request_module(false, mod)
#endif
