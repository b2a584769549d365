/* Models include/linux/mutex.h: sleeping locks (mutex_lock may sleep; kernel-sim tracks the owner task). */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/debug_locks.h>
#include <linux/cleanup.h>

/* <kwb-layout mutex>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct mutex {
	atomic_long_t owner;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
	void *magic;
};
/* </kwb-layout mutex> */

#define __MUTEX_INITIALIZER(lockname) \
	{ .owner = ATOMIC_LONG_INIT(0), .wait_lock = __RAW_SPIN_LOCK_INITIALIZER(lockname.wait_lock), \
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list), .magic = &(lockname) }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)
extern void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
#define mutex_init(mutex) do { static struct lock_class_key __key; __mutex_init((mutex), #mutex, &__key); } while (0)
extern void mutex_destroy(struct mutex *lock);
extern bool mutex_is_locked(struct mutex *lock);
extern void mutex_lock(struct mutex *lock);
extern int __must_check mutex_lock_interruptible(struct mutex *lock);
extern int __must_check mutex_lock_killable(struct mutex *lock);
extern void mutex_lock_io(struct mutex *lock);
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) mutex_lock_interruptible(lock)
extern int mutex_trylock(struct mutex *lock);
extern void mutex_unlock(struct mutex *lock);
extern int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
DEFINE_FREE(mutex, struct mutex *, if (_T) mutex_unlock(_T))
#endif
