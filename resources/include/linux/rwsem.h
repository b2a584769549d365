/* Models include/linux/rwsem.h: read-write semaphores (kernel-sim's kernel/locking/rwsem.ts keeps the queue and holders). */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H
#include <linux/linkage.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/cleanup.h>

/*
 * count packs the state as 6.1 does: bit 0 a writer holds it, bit 1 tasks wait, readers from bit 8 up.
 * kernel-sim writes it (it stays the first field); owner, wait_lock and wait_list are Linux's and unused here.
 */
struct rw_semaphore {
	atomic_long_t count;
	atomic_long_t owner;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
};

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return atomic_long_read(&sem->count) != 0;
}

#define RWSEM_UNLOCKED_VALUE		0L
#define __RWSEM_COUNT_INIT(name)	.count = ATOMIC_LONG_INIT(RWSEM_UNLOCKED_VALUE)

#define __RWSEM_INITIALIZER(name)					\
	{ __RWSEM_COUNT_INIT(name),					\
	  .owner = ATOMIC_LONG_INIT(0),					\
	  .wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock),	\
	  .wait_list = LIST_HEAD_INIT((name).wait_list) }

#define DECLARE_RWSEM(name) \
	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

extern void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);

#define init_rwsem(sem)						\
do {								\
	static struct lock_class_key __key;			\
	__init_rwsem((sem), #sem, &__key);			\
} while (0)

/* Whether tasks wait for it: bit 1 of count, which kernel-sim keeps (Linux reads its wait_list). */
static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return (atomic_long_read(&sem->count) & 2) != 0;
}

extern void down_read(struct rw_semaphore *sem);
extern int __must_check down_read_interruptible(struct rw_semaphore *sem);
extern int __must_check down_read_killable(struct rw_semaphore *sem);
/* 1 when taken, 0 when held by a writer or contended. */
extern int down_read_trylock(struct rw_semaphore *sem);
extern void down_write(struct rw_semaphore *sem);
extern int __must_check down_write_killable(struct rw_semaphore *sem);
extern int down_write_trylock(struct rw_semaphore *sem);
extern void up_read(struct rw_semaphore *sem);
extern void up_write(struct rw_semaphore *sem);

DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))

DEFINE_FREE(up_read, struct rw_semaphore *, if (_T) up_read(_T))
DEFINE_FREE(up_write, struct rw_semaphore *, if (_T) up_write(_T))

extern void downgrade_write(struct rw_semaphore *sem);

/* Without CONFIG_DEBUG_LOCK_ALLOC (Debian's config), as Linux has them. */
#define down_read_nested(sem, subclass)		down_read(sem)
#define down_read_killable_nested(sem, subclass)	down_read_killable(sem)
#define down_write_nest_lock(sem, nest_lock)	down_write(sem)
#define down_write_nested(sem, subclass)	down_write(sem)
#define down_write_killable_nested(sem, subclass)	down_write_killable(sem)
#define down_read_non_owner(sem)		down_read(sem)
#define up_read_non_owner(sem)			up_read(sem)

#endif /* _LINUX_RWSEM_H */
