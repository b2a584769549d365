/* Models include/linux/preempt.h: preemption and context queries (imports; kernel-sim knows the context). */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H
#include <linux/types.h>
extern void preempt_disable(void);
extern void preempt_enable(void);
#define preempt_enable_no_resched() preempt_enable()
extern int preempt_count(void);
extern bool in_interrupt(void);
extern bool in_irq(void);
extern bool in_softirq(void);
extern bool in_task(void);
extern bool in_atomic(void);
#define in_hardirq() in_irq()
#define in_serving_softirq() in_softirq()
#endif
