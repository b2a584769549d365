/* Models include/linux/device/bus.h: buses are kernel-sim objects; modules only pass pointers. */
#ifndef _DEVICE_BUS_H_
#define _DEVICE_BUS_H_
#include <linux/kobject.h>
struct bus_type;
struct device;
struct device_driver;
extern struct device *bus_find_device_by_name(struct bus_type *bus, struct device *start, const char *name);
extern int bus_for_each_dev(struct bus_type *bus, struct device *start, void *data, int (*fn)(struct device *dev, void *data));
#endif
