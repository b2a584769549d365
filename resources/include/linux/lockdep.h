/* Models include/linux/lockdep.h and lockdep_types.h: lock class keys (no lockdep validator; kernel-sim checks locks itself). */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H
struct lock_class_key { int __kwb_unused; };
struct lockdep_map { int __kwb_unused; };
#define lockdep_assert_held(l)		do { (void)(l); } while (0)
#define lockdep_assert_held_write(l)	do { (void)(l); } while (0)
#define lockdep_assert_held_read(l)	do { (void)(l); } while (0)
#define lockdep_set_class(lock, key)	do { (void)(key); } while (0)
#define lockdep_assert_irqs_disabled()	do { } while (0)
#endif
