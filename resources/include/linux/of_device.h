/* Models include/linux/of_device.h: match a device against an of_device_id table. */
#ifndef _LINUX_OF_DEVICE_H
#define _LINUX_OF_DEVICE_H
#include <linux/platform_device.h>
#include <linux/of_platform.h>
#include <linux/of.h>
#include <linux/mod_devicetable.h>
struct device;
extern const struct of_device_id *of_match_device(const struct of_device_id *matches, const struct device *dev);
extern const void *of_device_get_match_data(const struct device *dev);
extern int of_device_modalias(struct device *dev, char *str, ssize_t len);
#endif
