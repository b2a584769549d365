/* Models include/linux/timer.h: timer_list timers in virtual jiffies; callbacks run in softirq context. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/stddef.h>
#include <linux/debugobjects.h>
#include <linux/stringify.h>
#include <linux/lockdep.h>

/* <kwb-layout timer_list>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};
/* </kwb-layout timer_list> */

#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT	22
#define TIMER_ARRAYMASK		0xFFC00000
#define TIMER_TRACE_FLAGMASK	(TIMER_MIGRATING | TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) { .entry = { .next = TIMER_ENTRY_STATIC }, .function = (_function), .flags = (_flags), }
#define DEFINE_TIMER(_name, _function) struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

extern void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags, const char *name, struct lock_class_key *key);
#define __init_timer(_timer, _fn, _flags) init_timer_key((_timer), (_fn), (_flags), NULL, NULL)
#define timer_setup(timer, callback, flags) __init_timer((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags) __init_timer((timer), (callback), (flags))
static inline void destroy_timer_on_stack(struct timer_list *timer) { }
#define from_timer(var, callback_timer, timer_fieldname) container_of(callback_timer, typeof(*var), timer_fieldname)
static inline int timer_pending(const struct timer_list *timer) { return !hlist_unhashed(&timer->entry); }
extern void add_timer_on(struct timer_list *timer, int cpu);
extern int mod_timer(struct timer_list *timer, unsigned long expires);
extern int mod_timer_pending(struct timer_list *timer, unsigned long expires);
extern int timer_reduce(struct timer_list *timer, unsigned long expires);
extern void add_timer(struct timer_list *timer);
extern int del_timer(struct timer_list *timer);
extern int try_to_del_timer_sync(struct timer_list *timer);
extern int del_timer_sync(struct timer_list *timer);
extern int timer_shutdown_sync(struct timer_list *timer);
#define del_singleshot_timer_sync(t) del_timer_sync(t)
#endif
