/* Models include/linux/pm_wakeup.h: a device's wakeup capability and its wakeup source. device_can_wakeup and
 * device_may_wakeup, inlines over dev->power in Linux, are kernel calls here. */
#ifndef _LINUX_PM_WAKEUP_H
#define _LINUX_PM_WAKEUP_H
#include <linux/types.h>
struct device;

extern int device_wakeup_enable(struct device *dev);
extern int device_wakeup_disable(struct device *dev);
extern void device_set_wakeup_capable(struct device *dev, bool capable);
extern int device_set_wakeup_enable(struct device *dev, bool enable);
extern bool device_can_wakeup(struct device *dev);
extern bool device_may_wakeup(struct device *dev);
extern void pm_stay_awake(struct device *dev);
extern void pm_relax(struct device *dev);
extern void pm_wakeup_dev_event(struct device *dev, unsigned int msec, bool hard);

static inline void pm_wakeup_event(struct device *dev, unsigned int msec)
{
	return pm_wakeup_dev_event(dev, msec, false);
}

static inline int device_init_wakeup(struct device *dev, bool enable)
{
	if (enable) {
		device_set_wakeup_capable(dev, true);
		return device_wakeup_enable(dev);
	}
	device_wakeup_disable(dev);
	device_set_wakeup_capable(dev, false);
	return 0;
}
#endif
