/* Models include/linux/delay.h: busy delays (udelay/ndelay/mdelay advance virtual time) and sleeps (msleep/usleep_range may sleep). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H
#include <linux/math.h>
#include <linux/sched.h>
extern unsigned long loops_per_jiffy;
extern void udelay(unsigned long usecs);
extern void ndelay(unsigned long nsecs);
extern void mdelay(unsigned long msecs);
#define MAX_UDELAY_MS	5
extern void msleep(unsigned int msecs);
extern unsigned long msleep_interruptible(unsigned int msecs);
extern void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
static inline void usleep_range(unsigned long min, unsigned long max) { usleep_range_state(min, max, TASK_UNINTERRUPTIBLE); }
static inline void usleep_idle_range(unsigned long min, unsigned long max) { usleep_range_state(min, max, TASK_IDLE); }
static inline void ssleep(unsigned int seconds) { msleep(seconds * 1000); }
static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}
#endif
