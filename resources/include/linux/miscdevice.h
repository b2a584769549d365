/* Models include/linux/miscdevice.h: misc character devices (major 10). */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H
#include <linux/major.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/device.h>
#define PSMOUSE_MINOR		1
#define MS_BUSMOUSE_MINOR	2
#define ATIXL_BUSMOUSE_MINOR	3
#define ATARIMOUSE_MINOR	5
#define SUN_MOUSE_MINOR		6
#define APOLLO_MOUSE_MINOR	7
#define PC110PAD_MINOR		9
#define WATCHDOG_MINOR		130
#define TEMP_MINOR		131
#define APM_MINOR_DEV		134
#define RTC_MINOR		135
#define HPET_MINOR		228
#define FUSE_MINOR		229
#define KVM_MINOR		232
#define BTRFS_MINOR		234
#define AUTOFS_MINOR		235
#define MAPPER_CTRL_MINOR	236
#define LOOP_CTRL_MINOR		237
#define VHOST_NET_MINOR		238
#define UHID_MINOR		239
#define USERIO_MINOR		240
#define VHOST_VSOCK_MINOR	241
#define RFKILL_MINOR		242
#define MISC_DYNAMIC_MINOR	255
struct device;
struct attribute_group;

/* <kwb-layout miscdevice>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};
/* </kwb-layout miscdevice> */

extern int misc_register(struct miscdevice *misc);
extern void misc_deregister(struct miscdevice *misc);
#define module_misc_device(__misc_device) module_driver(__misc_device, misc_register, misc_deregister)
#define MODULE_ALIAS_MISCDEV(minor) MODULE_ALIAS("char-major-" __stringify(MISC_MAJOR) "-" __stringify(minor))
#endif
