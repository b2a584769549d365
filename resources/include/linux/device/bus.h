/* Models include/linux/device/bus.h (Linux 6.1): struct bus_type, bus_register/bus_unregister for a bus a module owns, and the bus walks. */
#ifndef _DEVICE_BUS_H_
#define _DEVICE_BUS_H_
#include <linux/kobject.h>
#include <linux/klist.h>
#include <linux/pm.h>

struct device;
struct device_driver;
struct attribute_group;
struct iommu_ops;
struct subsys_private;
struct fwnode_handle;

/* <kwb-layout bus_type>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct bus_type {
	const char *name;
	const char *dev_name;
	struct device *dev_root;
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;
	int (*match)(struct device *dev, struct device_driver *drv);
	int (*uevent)(struct device *dev, struct kobj_uevent_env *env);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*online)(struct device *dev);
	int (*offline)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	int (*num_vf)(struct device *dev);
	int (*dma_configure)(struct device *dev);
	void (*dma_cleanup)(struct device *dev);
	const struct dev_pm_ops *pm;
	const struct iommu_ops *iommu_ops;
	struct subsys_private *p;
	bool need_parent_lock;
};
/* </kwb-layout bus_type> */

extern int __must_check bus_register(struct bus_type *bus);
extern void bus_unregister(struct bus_type *bus);

extern struct device *bus_find_device_by_name(struct bus_type *bus, struct device *start, const char *name);
extern int bus_for_each_dev(struct bus_type *bus, struct device *start, void *data, int (*fn)(struct device *dev, void *data));
#endif
