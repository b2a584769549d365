/* Models include/linux/compat.h (Linux 6.1) as a kernel without CONFIG_COMPAT has it: compat types, compat_ptr, in_compat_syscall. */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H
/*
 * This kernel is configured without CONFIG_COMPAT: a module here is built for the same ILP32 ABI as the user programs
 * that call it, so no system call needs translating and a driver's compat_ioctl is never called (its #ifdef
 * CONFIG_COMPAT branch leaves it NULL, as on any !CONFIG_COMPAT Linux). The types and helpers below are the ones
 * 6.1 declares whatever the configuration; the compat_sys_* prototypes are left out (no module calls a system call).
 */
#include <linux/types.h>
#include <linux/time.h>
#include <linux/stat.h>
#include <linux/if.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

#include <asm/compat.h>

#ifndef COMPAT_USE_64BIT_TIME
#define COMPAT_USE_64BIT_TIME 0
#endif

#ifndef __SC_DELOUSE
#define __SC_DELOUSE(t,v) ((__force t)(unsigned long)(v))
#endif

struct compat_iovec {
	compat_uptr_t	iov_base;
	compat_size_t	iov_len;
};

#define is_compat_task() (0)
/* Ensure no one redefines in_compat_syscall() under !CONFIG_COMPAT */
#define in_compat_syscall in_compat_syscall
static inline bool in_compat_syscall(void) { return false; }

#define BITS_PER_COMPAT_LONG    (8*sizeof(compat_long_t))

#define BITS_TO_COMPAT_LONGS(bits) DIV_ROUND_UP(bits, BITS_PER_COMPAT_LONG)

#ifndef compat_need_64bit_alignment_fixup
#define compat_need_64bit_alignment_fixup()		false
#endif

/*
 * A pointer passed in from user mode. This should not be used for syscall parameters, just declare them as pointers
 * because the syscall entry code will have appropriately converted them already.
 */
#ifndef compat_ptr
static inline void __user *compat_ptr(compat_uptr_t uptr)
{
	return (void __user *)(unsigned long)uptr;
}
#endif

static inline compat_uptr_t ptr_to_compat(void __user *uptr)
{
	return (u32)(unsigned long)uptr;
}

#endif /* _LINUX_COMPAT_H */
