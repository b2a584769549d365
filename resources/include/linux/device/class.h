/* Models include/linux/device/class.h (6.1: class_create takes the owner module). */
#ifndef _DEVICE_CLASS_H_
#define _DEVICE_CLASS_H_
#include <linux/kobject.h>
#include <linux/klist.h>
#include <linux/pm.h>
#include <linux/device/bus.h>
struct device;
struct fwnode_handle;
struct subsys_private;

/* <kwb-layout class>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct class {
	const char *name;
	struct module *owner;
	const struct attribute_group **class_groups;
	const struct attribute_group **dev_groups;
	struct kobject *dev_kobj;
	int (*dev_uevent)(struct device *dev, struct kobj_uevent_env *env);
	char *(*devnode)(struct device *dev, umode_t *mode);
	void (*class_release)(struct class *class);
	void (*dev_release)(struct device *dev);
	int (*shutdown_pre)(struct device *dev);
	const struct kobj_ns_type_operations *ns_type;
	const void *(*namespace)(struct device *dev);
	void (*get_ownership)(struct device *dev, kuid_t *uid, kgid_t *gid);
	const struct dev_pm_ops *pm;
	struct subsys_private *p;
};
/* </kwb-layout class> */

struct class_attribute {
	struct attribute attr;
	ssize_t (*show)(struct class *class, struct class_attribute *attr, char *buf);
	ssize_t (*store)(struct class *class, struct class_attribute *attr, const char *buf, size_t count);
};
#define CLASS_ATTR_RW(_name) struct class_attribute class_attr_##_name = __ATTR_RW(_name)
#define CLASS_ATTR_RO(_name) struct class_attribute class_attr_##_name = __ATTR_RO(_name)
#define CLASS_ATTR_WO(_name) struct class_attribute class_attr_##_name = __ATTR_WO(_name)
struct class_attribute_string {
	struct class_attribute attr;
	char *str;
};
/* Currently read-only only */
#define _CLASS_ATTR_STRING(_name, _mode, _str) \
	{ __ATTR(_name, _mode, show_class_attr_string, NULL), _str }
#define CLASS_ATTR_STRING(_name, _mode, _str) \
	struct class_attribute_string class_attr_##_name = \
		_CLASS_ATTR_STRING(_name, _mode, _str)
extern ssize_t show_class_attr_string(struct class *class, struct class_attribute *attr, char *buf);
extern int __must_check __class_register(struct class *class, struct lock_class_key *key);
extern void class_unregister(struct class *class);
#define class_register(class) ({ static struct lock_class_key __key; __class_register(class, &__key); })
extern struct class * __must_check __class_create(struct module *owner, const char *name, struct lock_class_key *key);
extern void class_destroy(struct class *cls);
extern struct device *class_find_device(struct class *class, const struct device *start, const void *data,
					int (*match)(struct device *, const void *));
int device_match_devt(struct device *dev, const void *pdevt);
/* The class's device with that dev_t, with a reference (put_device), else NULL. */
static inline struct device *class_find_device_by_devt(struct class *class, dev_t devt)
{
	return class_find_device(class, NULL, &devt, device_match_devt);
}
#define class_create(owner, name) ({ static struct lock_class_key __key; __class_create(owner, name, &__key); })
extern int __must_check class_create_file_ns(struct class *class, const struct class_attribute *attr, const void *ns);
extern void class_remove_file_ns(struct class *class, const struct class_attribute *attr, const void *ns);
static inline int __must_check class_create_file(struct class *class, const struct class_attribute *attr) { return class_create_file_ns(class, attr, NULL); }
static inline void class_remove_file(struct class *class, const struct class_attribute *attr) { class_remove_file_ns(class, attr, NULL); }
#endif
