/* Models include/linux/sysrq.h (Linux 6.1): the magic SysRq key, as kernel code triggers it (handle_sysrq).
 * Registering keys of one's own is not declared yet. */
#ifndef _LINUX_SYSRQ_H
#define _LINUX_SYSRQ_H

#include <linux/errno.h>
#include <linux/types.h>

/* Possible values of bitmask for enabling sysrq functions */
/* 0x0001 is reserved for enable everything */
#define SYSRQ_ENABLE_LOG	0x0002
#define SYSRQ_ENABLE_KEYBOARD	0x0004
#define SYSRQ_ENABLE_DUMP	0x0008
#define SYSRQ_ENABLE_SYNC	0x0010
#define SYSRQ_ENABLE_REMOUNT	0x0020
#define SYSRQ_ENABLE_SIGNAL	0x0040
#define SYSRQ_ENABLE_BOOT	0x0080
#define SYSRQ_ENABLE_RTNICE	0x0100

/* Runs the action of a key as /proc/sysrq-trigger would (the enable mask is not consulted). */
void handle_sysrq(int key);

#endif /* _LINUX_SYSRQ_H */
