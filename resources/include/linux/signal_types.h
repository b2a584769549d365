/* Models include/linux/signal_types.h and x86's asm/signal.h: sigset_t (64 signals in wasm32's 32-bit longs) and struct sigpending. */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H
#include <linux/types.h>
#include <linux/list.h>

#define _NSIG		64
#define _NSIG_BPW	(sizeof(unsigned long) * 8)
#define _NSIG_WORDS	(_NSIG / _NSIG_BPW)

/* <kwb-layout sigset_t>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;
/* </kwb-layout sigset_t> */

/* <kwb-layout sigpending>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct sigpending {
	struct list_head list;
	sigset_t signal;
};
/* </kwb-layout sigpending> */
#endif
