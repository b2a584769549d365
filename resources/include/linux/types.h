/* Models include/linux/types.h: kernel scalar typedefs, list heads, atomic_t, rcu_head. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
#include <linux/compiler.h>
#include <asm/types.h>
#include <linux/stddef.h>

#ifndef __ASSEMBLY__
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#ifndef BITS_PER_LONG
#define BITS_PER_LONG 32
#endif
#define BITS_PER_LONG_LONG 64
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

typedef __u32 __kernel_dev_t;
typedef __kernel_dev_t		dev_t;
typedef unsigned long		__kernel_ulong_t;
typedef long			__kernel_long_t;
typedef __SIZE_TYPE__		__kernel_size_t;
typedef long			__kernel_ssize_t;
typedef unsigned int		ino_t;
typedef unsigned short		umode_t;
typedef unsigned short		nlink_t;
typedef long			off_t;
typedef int			pid_t;
typedef int			clockid_t;
typedef unsigned int		uid_t;
typedef unsigned int		gid_t;
typedef _Bool			bool;
typedef __SIZE_TYPE__		__kernel_size_t;
#ifndef _SIZE_T
#define _SIZE_T
typedef __SIZE_TYPE__		size_t;
#endif
#ifndef _SSIZE_T
#define _SSIZE_T
typedef long			ssize_t;
#endif
typedef __PTRDIFF_TYPE__	ptrdiff_t;
typedef long			intptr_t;
typedef unsigned long		uintptr_t;
typedef long long		loff_t;
typedef long long		time64_t;
typedef long			time_t;
typedef long			clock_t;
typedef unsigned char		u_char;
typedef unsigned short		u_short;
typedef unsigned int		u_int;
typedef unsigned long		u_long;
typedef unsigned char		unchar;
typedef unsigned short		ushort;
typedef unsigned int		uint;
typedef unsigned long		ulong;
typedef u8			u_int8_t;
typedef s8			int8_t;
typedef u16			u_int16_t;
typedef s16			int16_t;
typedef u32			u_int32_t;
typedef s32			int32_t;
typedef u8			uint8_t;
typedef u16			uint16_t;
typedef u32			uint32_t;
typedef u64			uint64_t;
typedef u64			u_int64_t;
typedef s64			int64_t;
typedef u64			sector_t;
typedef u64			blkcnt_t;
typedef u64			dma_addr_t;
typedef unsigned int __bitwise	gfp_t;
typedef unsigned int __bitwise	slab_flags_t;
typedef unsigned int __bitwise	fmode_t;
typedef u64			phys_addr_t;
typedef phys_addr_t		resource_size_t;
typedef unsigned long		irq_hw_number_t;
typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;
typedef unsigned __bitwise __poll_t;
typedef unsigned long		kernel_ulong_t;
typedef s64			ktime_t;

/* <kwb-layout atomic_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	int counter;
} atomic_t;
/* </kwb-layout atomic_t> */

/* <kwb-layout atomic64_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	s64 counter;
} atomic64_t;
/* </kwb-layout atomic64_t> */

/* wasm32 is a 32-bit architecture: atomic_long_t is atomic_t. */
typedef atomic_t atomic_long_t;

/* <kwb-layout list_head>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct list_head {
	struct list_head *next;
	struct list_head *prev;
};
/* </kwb-layout list_head> */

/* <kwb-layout hlist_head>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct hlist_head {
	struct hlist_node *first;
};
/* </kwb-layout hlist_head> */

/* <kwb-layout hlist_node>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct hlist_node {
	struct hlist_node *next;
	struct hlist_node **pprev;
};
/* </kwb-layout hlist_node> */

/* <kwb-layout callback_head>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
/* </kwb-layout callback_head> */
#define rcu_head callback_head
typedef void (*rcu_callback_t)(struct rcu_head *head);
#endif
#endif
