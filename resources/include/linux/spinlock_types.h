/* Models include/linux/spinlock_types.h (with CONFIG_DEBUG_SPINLOCK fields, which kernel-sim uses to report lock bugs). */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H
#include <linux/types.h>
#include <linux/lockdep.h>

/* <kwb-layout qspinlock>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct qspinlock {
	atomic_t val;
} arch_spinlock_t;
/* </kwb-layout qspinlock> */

/* <kwb-layout raw_spinlock>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
	unsigned int magic;
	unsigned int owner_cpu;
	void *owner;
} raw_spinlock_t;
/* </kwb-layout raw_spinlock> */

/* <kwb-layout spinlock>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
	};
} spinlock_t;
/* </kwb-layout spinlock> */

#define SPINLOCK_MAGIC		0xdead4ead
#define SPINLOCK_OWNER_INIT	((void *)-1L)
#define __ARCH_SPIN_LOCK_UNLOCKED	{ .val = ATOMIC_INIT(0) }
#define __RAW_SPIN_LOCK_INITIALIZER(lockname)	\
	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED, .magic = SPINLOCK_MAGIC, .owner_cpu = -1, .owner = SPINLOCK_OWNER_INIT }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) (raw_spinlock_t) __RAW_SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)
#define ___SPIN_LOCK_INITIALIZER(lockname) { { .rlock = __RAW_SPIN_LOCK_INITIALIZER(lockname) } }
#define __SPIN_LOCK_INITIALIZER(lockname) ___SPIN_LOCK_INITIALIZER(lockname)
#define __SPIN_LOCK_UNLOCKED(lockname) (spinlock_t) __SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#include <linux/rwlock_types.h>
#endif
