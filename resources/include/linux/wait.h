/* Models include/linux/wait.h: wait queues; wait_event*() loop on prepare_to_wait_event()/schedule() as in Linux. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H
#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <asm/current.h>

typedef struct wait_queue_entry wait_queue_entry_t;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02
#define WQ_FLAG_BOOKMARK	0x04
#define WQ_FLAG_CUSTOM		0x08
#define WQ_FLAG_DONE		0x10
#define WQ_FLAG_PRIORITY	0x20

/* <kwb-layout wait_queue_entry>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};
/* </kwb-layout wait_queue_entry> */

/* <kwb-layout wait_queue_head>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
/* </kwb-layout wait_queue_head> */
typedef struct wait_queue_head wait_queue_head_t;

struct task_struct;
#define __WAITQUEUE_INITIALIZER(name, tsk) { .private = tsk, .func = default_wake_function, .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
extern void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name, struct lock_class_key *);
#define init_waitqueue_head(wq_head) do { static struct lock_class_key __key; __init_waitqueue_head((wq_head), #wq_head, &__key); } while (0)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)
static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}
static inline int waitqueue_active(struct wait_queue_head *wq_head) { return !list_empty(&wq_head->head); }
static inline bool wq_has_sleeper(struct wait_queue_head *wq_head) { return waitqueue_active(wq_head); }
extern void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
extern void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
extern void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

extern void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
extern void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode);
#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(x)	__wake_up_sync((x), TASK_INTERRUPTIBLE)
#define wake_up_poll(x, m)		__wake_up(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))

extern void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
extern long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
extern void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
extern bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
extern void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
extern int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key);
#define DEFINE_WAIT_FUNC(name, function) \
	struct wait_queue_entry name = { .private = current, .func = function, .entry = LIST_HEAD_INIT((name).entry), }
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

#define ___wait_is_interruptible(state) \
	(!__builtin_constant_p(state) || (state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
#define ___wait_cond_timeout(condition) ({ bool __cond = (condition); if (__cond && !__ret) __ret = 1; __cond || !__ret; })

/* The loop kernel-sim expects: register, test, sleep in schedule() until woken, test again. */
#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)		\
({										\
	__label__ __out;							\
	struct wait_queue_entry __wq_entry;					\
	long __ret = ret;							\
	init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);	\
	for (;;) {								\
		long __int = prepare_to_wait_event(&wq_head, &__wq_entry, state);\
		if (condition)							\
			break;							\
		if (___wait_is_interruptible(state) && __int) {			\
			__ret = __int;						\
			goto __out;						\
		}								\
		cmd;								\
	}									\
	finish_wait(&wq_head, &__wq_entry);					\
__out:	__ret;									\
})

#define __wait_event(wq_head, condition) \
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule())
#define wait_event(wq_head, condition) do { might_sleep(); if (condition) break; __wait_event(wq_head, condition); } while (0)
#define __wait_event_timeout(wq_head, condition, timeout) \
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_UNINTERRUPTIBLE, 0, timeout, __ret = schedule_timeout(__ret))
#define wait_event_timeout(wq_head, condition, timeout) ({ long __ret = timeout; might_sleep(); \
	if (!___wait_cond_timeout(condition)) __ret = __wait_event_timeout(wq_head, condition, timeout); __ret; })
#define __wait_event_interruptible(wq_head, condition) \
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule())
#define wait_event_interruptible(wq_head, condition) ({ int __ret = 0; might_sleep(); \
	if (!(condition)) __ret = __wait_event_interruptible(wq_head, condition); __ret; })
#define __wait_event_interruptible_timeout(wq_head, condition, timeout) \
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_INTERRUPTIBLE, 0, timeout, __ret = schedule_timeout(__ret))
#define wait_event_interruptible_timeout(wq_head, condition, timeout) ({ long __ret = timeout; might_sleep(); \
	if (!___wait_cond_timeout(condition)) __ret = __wait_event_interruptible_timeout(wq_head, condition, timeout); __ret; })
#define __wait_event_interruptible_exclusive(wq, condition) \
	___wait_event(wq, condition, TASK_INTERRUPTIBLE, 1, 0, schedule())
#define wait_event_interruptible_exclusive(wq, condition) ({ int __ret = 0; might_sleep(); \
	if (!(condition)) __ret = __wait_event_interruptible_exclusive(wq, condition); __ret; })
#define __wait_event_killable(wq, condition) ___wait_event(wq, condition, TASK_KILLABLE, 0, 0, schedule())
#define wait_event_killable(wq_head, condition) ({ int __ret = 0; might_sleep(); \
	if (!(condition)) __ret = __wait_event_killable(wq_head, condition); __ret; })
#define wait_event_killable_timeout(wq_head, condition, timeout) ({ long __ret = timeout; might_sleep(); \
	if (!___wait_cond_timeout(condition)) __ret = ___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_KILLABLE, 0, timeout, __ret = schedule_timeout(__ret)); __ret; })
#define wait_event_idle(wq_head, condition) do { might_sleep(); if (!(condition)) \
	___wait_event(wq_head, condition, TASK_IDLE, 0, 0, schedule()); } while (0)
#include <linux/sched.h>
#endif
