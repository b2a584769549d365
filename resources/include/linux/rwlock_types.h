/* Models include/linux/rwlock_types.h. */
#ifndef __LINUX_RWLOCK_TYPES_H
#define __LINUX_RWLOCK_TYPES_H
#include <linux/spinlock_types.h>

/* <kwb-layout qrwlock>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct qrwlock {
	atomic_t cnts;
	arch_spinlock_t wait_lock;
} arch_rwlock_t;
/* </kwb-layout qrwlock> */

/* <kwb-layout rwlock_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	arch_rwlock_t raw_lock;
	unsigned int magic;
	unsigned int owner_cpu;
	void *owner;
} rwlock_t;
/* </kwb-layout rwlock_t> */

#define RWLOCK_MAGIC		0xdeaf1eed
#define __ARCH_RW_LOCK_UNLOCKED { .cnts = ATOMIC_INIT(0), .wait_lock = __ARCH_SPIN_LOCK_UNLOCKED }
#define __RW_LOCK_UNLOCKED(lockname) (rwlock_t) { .raw_lock = __ARCH_RW_LOCK_UNLOCKED, .magic = RWLOCK_MAGIC, .owner = SPINLOCK_OWNER_INIT, .owner_cpu = -1 }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)
#endif
