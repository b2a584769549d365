/* Models include/linux/uidgid.h: kuid_t/kgid_t. */
#ifndef _LINUX_UIDGID_H
#define _LINUX_UIDGID_H
#include <linux/types.h>

/* <kwb-layout kuid_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	uid_t val;
} kuid_t;
/* </kwb-layout kuid_t> */

/* <kwb-layout kgid_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	gid_t val;
} kgid_t;
/* </kwb-layout kgid_t> */

#define KUIDT_INIT(value) (kuid_t){ value }
#define KGIDT_INIT(value) (kgid_t){ value }
#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
static inline uid_t __kuid_val(kuid_t uid) { return uid.val; }
static inline gid_t __kgid_val(kgid_t gid) { return gid.val; }
static inline bool uid_eq(kuid_t left, kuid_t right) { return __kuid_val(left) == __kuid_val(right); }
static inline bool gid_eq(kgid_t left, kgid_t right) { return __kgid_val(left) == __kgid_val(right); }
#endif
