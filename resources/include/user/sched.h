/* sched.h for user programs: clone() and the namespace calls unshare() and setns(), with Linux's CLONE_* values. */
#ifndef _SCHED_H
#define _SCHED_H
#include <sys/types.h>

#define CSIGNAL		0x000000ff	/* signal mask to be sent at exit */
#define CLONE_VM	0x00000100
#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_PIDFD	0x00001000
#define CLONE_VFORK	0x00004000
#define CLONE_PARENT	0x00008000
#define CLONE_THREAD	0x00010000
#define CLONE_NEWNS	0x00020000	/* New mount namespace group */
#define CLONE_NEWCGROUP	0x02000000	/* New cgroup namespace */
#define CLONE_NEWUTS	0x04000000	/* New utsname namespace */
#define CLONE_NEWIPC	0x08000000	/* New ipc namespace */
#define CLONE_NEWUSER	0x10000000	/* New user namespace */
#define CLONE_NEWPID	0x20000000	/* New pid namespace */
#define CLONE_NEWNET	0x40000000	/* New network namespace */
#define CLONE_NEWTIME	0x00000080	/* New time namespace */

/*
 * clone(fn, stack, flags, arg): the child is a copy of the program (as from fork()) that runs fn(arg) and exits
 * with its result; `stack` is not used, since the copy keeps its own. CLONE_VM (threads) is ENOSYS: a running
 * WebAssembly program can be copied but not shared.
 */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
int unshare(int flags);
int setns(int fd, int nstype);
#endif
