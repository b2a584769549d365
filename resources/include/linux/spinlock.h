/* Models include/linux/spinlock.h: spin_lock*() wrap the _raw_spin_* imports as in Linux; kernel-sim tracks atomic context. */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H
#include <asm/page.h> /* x86's asm/spinlock.h brings PAGE_SIZE to module.h and kobject.h users */
#include <linux/typecheck.h>
#include <linux/preempt.h>
#include <linux/linkage.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/stringify.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>

extern void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key, short inner);
extern void _raw_spin_lock(raw_spinlock_t *lock);
extern void _raw_spin_lock_bh(raw_spinlock_t *lock);
extern void _raw_spin_lock_irq(raw_spinlock_t *lock);
extern unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
extern int _raw_spin_trylock(raw_spinlock_t *lock);
extern int _raw_spin_trylock_bh(raw_spinlock_t *lock);
extern void _raw_spin_unlock(raw_spinlock_t *lock);
extern void _raw_spin_unlock_bh(raw_spinlock_t *lock);
extern void _raw_spin_unlock_irq(raw_spinlock_t *lock);
extern void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
extern int _raw_spin_is_locked(raw_spinlock_t *lock);

#define raw_spin_lock_init(lock) do { *(lock) = __RAW_SPIN_LOCK_UNLOCKED(lock); } while (0)
#define raw_spin_lock(lock)	_raw_spin_lock(lock)
#define raw_spin_lock_bh(lock)	_raw_spin_lock_bh(lock)
#define raw_spin_lock_irq(lock)	_raw_spin_lock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags) do { typecheck(unsigned long, flags); flags = _raw_spin_lock_irqsave(lock); } while (0)
#define raw_spin_trylock(lock)	_raw_spin_trylock(lock)
#define raw_spin_unlock(lock)	_raw_spin_unlock(lock)
#define raw_spin_unlock_bh(lock) _raw_spin_unlock_bh(lock)
#define raw_spin_unlock_irq(lock) _raw_spin_unlock_irq(lock)
#define raw_spin_unlock_irqrestore(lock, flags) do { typecheck(unsigned long, flags); _raw_spin_unlock_irqrestore(lock, flags); } while (0)
#define raw_spin_is_locked(lock) _raw_spin_is_locked(lock)

static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock) { return &lock->rlock; }
#define spin_lock_init(_lock)				\
do {							\
	spinlock_check(_lock);				\
	*(_lock) = __SPIN_LOCK_UNLOCKED(_lock);		\
} while (0)
static __always_inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static __always_inline void spin_lock_bh(spinlock_t *lock) { raw_spin_lock_bh(&lock->rlock); }
static __always_inline int spin_trylock(spinlock_t *lock) { return raw_spin_trylock(&lock->rlock); }
static __always_inline void spin_lock_irq(spinlock_t *lock) { raw_spin_lock_irq(&lock->rlock); }
#define spin_lock_irqsave(lock, flags) do { raw_spin_lock_irqsave(spinlock_check(lock), flags); } while (0)
#define spin_lock_nested(lock, subclass) spin_lock(lock)
#define spin_lock_irqsave_nested(lock, flags, subclass) spin_lock_irqsave(lock, flags)
static __always_inline void spin_unlock(spinlock_t *lock) { raw_spin_unlock(&lock->rlock); }
static __always_inline void spin_unlock_bh(spinlock_t *lock) { raw_spin_unlock_bh(&lock->rlock); }
static __always_inline void spin_unlock_irq(spinlock_t *lock) { raw_spin_unlock_irq(&lock->rlock); }
static __always_inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags) { raw_spin_unlock_irqrestore(&lock->rlock, flags); }
static __always_inline int spin_trylock_bh(spinlock_t *lock) { return _raw_spin_trylock_bh(&lock->rlock); }
static __always_inline int spin_is_locked(spinlock_t *lock) { return raw_spin_is_locked(&lock->rlock); }
#define assert_spin_locked(lock) BUG_ON(!spin_is_locked(lock))
#define assert_raw_spin_locked(lock) BUG_ON(!raw_spin_is_locked(lock))
#include <linux/rwlock.h>

DEFINE_LOCK_GUARD_1(raw_spinlock, raw_spinlock_t, raw_spin_lock(_T->lock), raw_spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_irq, raw_spinlock_t, raw_spin_lock_irq(_T->lock), raw_spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_irqsave, raw_spinlock_t, raw_spin_lock_irqsave(_T->lock, _T->flags),
		    raw_spin_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)
DEFINE_LOCK_GUARD_1(spinlock, spinlock_t, spin_lock(_T->lock), spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irq, spinlock_t, spin_lock_irq(_T->lock), spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irqsave, spinlock_t, spin_lock_irqsave(_T->lock, _T->flags),
		    spin_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)
#endif
