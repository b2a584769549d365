/* Models include/linux/bottom_half.h. */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H
extern void local_bh_disable(void);
extern void local_bh_enable(void);
#endif
