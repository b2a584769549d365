/* Models include/linux/pm_domain.h: attaching a device to a power domain (struct dev_pm_domain is in linux/pm.h). */
#ifndef _LINUX_PM_DOMAIN_H
#define _LINUX_PM_DOMAIN_H
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/pm.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>

/* Sets (pd) or clears (NULL) the device's domain; the device must not be bound to a driver yet or any more. */
void dev_pm_domain_set(struct device *dev, struct dev_pm_domain *pd);

#endif /* _LINUX_PM_DOMAIN_H */
