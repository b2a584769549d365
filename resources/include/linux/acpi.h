/* Models include/linux/acpi.h and include/acpi/acpi_bus.h: what a driver matched by ACPI id uses (struct acpi_device, ACPI_COMPANION, acpi_dev_name, has_acpi_companion, ACPI_PTR, acpi_match_device). */
#ifndef _LINUX_ACPI_H
#define _LINUX_ACPI_H
#include <linux/types.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>

/* An ACPI namespace device as drivers see it: its struct device on the acpi bus ("PNP0A08:00"). */
struct acpi_device {
	struct device dev;
};

#define ACPI_PTR(_ptr)	(_ptr)

/* The kernel's device has no fwnode to follow here: kwb_acpi_companion stands in for to_acpi_device_node(dev->fwnode). */
extern struct acpi_device *kwb_acpi_companion(const struct device *dev);
#define ACPI_COMPANION(dev)		kwb_acpi_companion(dev)
#define ACPI_COMPANION_SET(dev, adev)	do { (void)(dev); (void)(adev); } while (0)

static inline bool has_acpi_companion(struct device *dev)
{
	return ACPI_COMPANION(dev) != NULL;
}

static inline const char *acpi_dev_name(struct acpi_device *adev)
{
	return dev_name(&adev->dev);
}

extern const char *acpi_device_hid(struct acpi_device *device);
extern const struct acpi_device_id *acpi_match_device(const struct acpi_device_id *ids, const struct device *dev);
extern const void *acpi_device_get_match_data(const struct device *dev);
bool acpi_dev_state_d0(struct device *dev);

#endif
