/* Models include/linux/panic_notifier.h: the chain panic() calls (crash_kexec_post_notifiers, which 6.1 does not export, is left out). */
#ifndef _LINUX_PANIC_NOTIFIERS_H
#define _LINUX_PANIC_NOTIFIERS_H

#include <linux/notifier.h>
#include <linux/types.h>

extern struct atomic_notifier_head panic_notifier_list;

#endif	/* _LINUX_PANIC_NOTIFIERS_H */
