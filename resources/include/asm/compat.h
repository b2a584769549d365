/* Models arch/x86/include/asm/compat.h (Linux 6.1): i386's compat types that differ from the generic ones, then asm-generic/compat.h. */
#ifndef _ASM_X86_COMPAT_H
#define _ASM_X86_COMPAT_H

#include <linux/types.h>
#include <linux/sched.h>
#include <asm/processor.h>

#define compat_mode_t	compat_mode_t
typedef u16		compat_mode_t;

#define __compat_uid_t	__compat_uid_t
typedef u16		__compat_uid_t;
typedef u16		__compat_gid_t;

#define compat_dev_t	compat_dev_t
typedef u16		compat_dev_t;

#define compat_ipc_pid_t compat_ipc_pid_t
typedef u16		 compat_ipc_pid_t;

#include <asm-generic/compat.h>

#define COMPAT_UTS_MACHINE	"i686\0\0"

typedef u16		compat_nlink_t;

#endif /* _ASM_X86_COMPAT_H */
