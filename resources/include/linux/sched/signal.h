/* Models include/linux/sched/signal.h: signal_pending and friends (imports). */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H
#include <linux/types.h>
#include <linux/signal_types.h>
struct task_struct;
extern int signal_pending(struct task_struct *p);
extern int fatal_signal_pending(struct task_struct *p);
extern int signal_pending_state(unsigned int state, struct task_struct *p);
extern int send_sig(int sig, struct task_struct *p, int priv);
extern void allow_signal(int sig);
extern void disallow_signal(int sig);
#endif
