/* Models include/linux/signal_types.h with x86's asm/signal.h and asm-generic/siginfo.h as far as drivers use them: the signal numbers, SIGPOLL's POLL_* codes, sigset_t (64 signals in wasm32's 32-bit longs) and struct sigpending. */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H
#include <linux/types.h>
#include <linux/list.h>

/* x86's uapi/asm/signal.h: the signal numbers. */
#define SIGHUP		 1
#define SIGINT		 2
#define SIGQUIT		 3
#define SIGILL		 4
#define SIGTRAP		 5
#define SIGABRT		 6
#define SIGIOT		 6
#define SIGBUS		 7
#define SIGFPE		 8
#define SIGKILL		 9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
#define SIGUNUSED	31
#define SIGRTMIN	32
#define SIGRTMAX	_NSIG

/* uapi/asm-generic/siginfo.h: SIGPOLL's si_codes, the band kill_fasync() is given. */
#define POLL_IN		1	/* data input available */
#define POLL_OUT	2	/* output buffers available */
#define POLL_MSG	3	/* input message available */
#define POLL_ERR	4	/* i/o error */
#define POLL_PRI	5	/* high priority input available */
#define POLL_HUP	6	/* device disconnected */
#define NSIGPOLL	6

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
