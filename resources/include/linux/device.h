/* Models include/linux/device.h: struct device, device attributes, device_create, drvdata and devres (devm_*) helpers. */
#ifndef _DEVICE_H_
#define _DEVICE_H_
#include <linux/dev_printk.h>
#include <linux/ioport.h>
#include <linux/kobject.h>
#include <linux/klist.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/pm.h>
#include <linux/atomic.h>
#include <linux/uidgid.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/device/bus.h>
#include <linux/device/class.h>
#include <linux/device/driver.h>

struct device_private;
struct device_node;
struct fwnode_handle;
struct device_type;

/* <kwb-layout device_dma_parameters>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};
/* </kwb-layout device_dma_parameters> */

/* <kwb-layout device>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct device {
	struct kobject kobj;
	struct device *parent;
	struct device_private *p;
	const char *init_name;
	const struct device_type *type;
	struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct mutex mutex;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	struct list_head dma_pools;
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	int numa_node;
	dev_t devt;
	u32 id;
	spinlock_t devres_lock;
	struct list_head devres_head;
	struct class *class;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
};
/* </kwb-layout device> */

/* <kwb-layout device_type>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct device_type {
	const char *name;
	const struct attribute_group **groups;
	int (*uevent)(struct device *dev, struct kobj_uevent_env *env);
	char *(*devnode)(struct device *dev, umode_t *mode, kuid_t *uid, kgid_t *gid);
	void (*release)(struct device *dev);
	const struct dev_pm_ops *pm;
};
/* </kwb-layout device_type> */

/* <kwb-layout device_attribute>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr, const char *buf, size_t count);
};
/* </kwb-layout device_attribute> */

#define DEVICE_ATTR(_name, _mode, _show, _store) struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_PREALLOC(_name, _mode, _show, _store) struct device_attribute dev_attr_##_name = __ATTR_PREALLOC(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_ADMIN_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW_MODE(_name, 0600)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_ADMIN_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO_MODE(_name, 0400)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)
int device_create_file(struct device *device, const struct device_attribute *entry);
void device_remove_file(struct device *dev, const struct device_attribute *attr);
bool device_remove_file_self(struct device *dev, const struct device_attribute *attr);
int __must_check device_add_groups(struct device *dev, const struct attribute_group **groups);
void device_remove_groups(struct device *dev, const struct attribute_group **groups);
static inline int __must_check device_add_group(struct device *dev, const struct attribute_group *grp)
{
	const struct attribute_group *groups[] = { grp, NULL };
	return device_add_groups(dev, groups);
}
static inline void device_remove_group(struct device *dev, const struct attribute_group *grp)
{
	const struct attribute_group *groups[] = { grp, NULL };
	return device_remove_groups(dev, groups);
}
int __must_check devm_device_add_groups(struct device *dev, const struct attribute_group **groups);
int __must_check devm_device_add_group(struct device *dev, const struct attribute_group *grp);

/* devres: managed resources released when the driver unbinds */
typedef void (*dr_release_t)(struct device *dev, void *res);
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void *devm_krealloc(struct device *dev, void *ptr, size_t size, gfp_t gfp) __must_check;
__printf(3, 0) char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt, va_list ap) __malloc;
__printf(3, 4) char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...) __malloc;
static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp) { return devm_kmalloc(dev, size, gfp | __GFP_ZERO); }
static inline void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t flags)
{
	size_t bytes;
	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return devm_kmalloc(dev, bytes, flags);
}
static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t flags) { return devm_kmalloc_array(dev, n, size, flags | __GFP_ZERO); }
void devm_kfree(struct device *dev, const void *p);
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp) __malloc;
const char *devm_kstrdup_const(struct device *dev, const char *s, gfp_t gfp);
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
void devm_remove_action(struct device *dev, void (*action)(void *), void *data);
void devm_release_action(struct device *dev, void (*action)(void *), void *data);
static inline int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data)
{
	int ret = devm_add_action(dev, action, data);
	if (ret)
		action(data);
	return ret;
}
void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res);
void __iomem *devm_of_iomap(struct device *dev, struct device_node *node, int index, resource_size_t *size);

static inline const char *dev_name(const struct device *dev)
{
	if (dev->init_name)
		return dev->init_name;
	return kobject_name(&dev->kobj);
}
__printf(2, 3) int dev_set_name(struct device *dev, const char *name, ...);
const char *dev_driver_string(const struct device *dev);
static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }
static inline void *dev_get_platdata(const struct device *dev) { return dev->platform_data; }
static inline int dev_to_node(struct device *dev) { return dev->numa_node; }
static inline struct device *kobj_to_dev(struct kobject *kobj) { return container_of(kobj, struct device, kobj); }
static inline bool device_is_registered(struct device *dev) { return dev->kobj.state != 0; }

int __must_check device_register(struct device *dev);
void device_unregister(struct device *dev);
void device_initialize(struct device *dev);
int __must_check device_add(struct device *dev);
void device_del(struct device *dev);
int device_for_each_child(struct device *dev, void *data, int (*fn)(struct device *dev, void *data));
int __must_check device_attach(struct device *dev);
int __must_check driver_attach(struct device_driver *drv);
void device_release_driver(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
__printf(5, 6) struct device *device_create(struct class *cls, struct device *parent, dev_t devt, void *drvdata, const char *fmt, ...);
__printf(6, 7) struct device *device_create_with_groups(struct class *cls, struct device *parent, dev_t devt, void *drvdata,
			  const struct attribute_group **groups, const char *fmt, ...);
void device_destroy(struct class *cls, dev_t devt);
__printf(3, 4) int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);
extern struct device *root_device_register(const char *name);
extern void root_device_unregister(struct device *root);

/*
 * dev->power.driver_flags (DPM_FLAG_*): Linux's inlines set and test the field; this struct device has no dev_pm_info
 * of its own, so they are calls into the PM core, which keeps the flags.
 */
extern void dev_pm_set_driver_flags(struct device *dev, u32 flags);
extern bool dev_pm_test_driver_flags(struct device *dev, u32 flags);

#include <linux/pm_wakeup.h>

#endif
