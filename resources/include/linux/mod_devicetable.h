/* Models include/linux/mod_devicetable.h: device ID tables (kernel_ulong_t is 32-bit on wasm32). */
#ifndef LINUX_MOD_DEVICETABLE_H
#define LINUX_MOD_DEVICETABLE_H
#include <linux/types.h>
#include <linux/uuid.h>
#define PCI_ANY_ID (~0)
enum {
	PCI_ID_F_VFIO_DRIVER_OVERRIDE = 1,
};

/* <kwb-layout pci_device_id>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct pci_device_id {
	__u32 vendor;
	__u32 device;
	__u32 subvendor;
	__u32 subdevice;
	__u32 class;
	__u32 class_mask;
	kernel_ulong_t driver_data;
	__u32 override_only;
};
/* </kwb-layout pci_device_id> */

/* <kwb-layout of_device_id>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};
/* </kwb-layout of_device_id> */

/* dmi */
enum dmi_field {
	DMI_NONE,
	DMI_BIOS_VENDOR,
	DMI_BIOS_VERSION,
	DMI_BIOS_DATE,
	DMI_BIOS_RELEASE,
	DMI_EC_FIRMWARE_RELEASE,
	DMI_SYS_VENDOR,
	DMI_PRODUCT_NAME,
	DMI_PRODUCT_VERSION,
	DMI_PRODUCT_SERIAL,
	DMI_PRODUCT_UUID,
	DMI_PRODUCT_SKU,
	DMI_PRODUCT_FAMILY,
	DMI_BOARD_VENDOR,
	DMI_BOARD_NAME,
	DMI_BOARD_VERSION,
	DMI_BOARD_SERIAL,
	DMI_BOARD_ASSET_TAG,
	DMI_CHASSIS_VENDOR,
	DMI_CHASSIS_TYPE,
	DMI_CHASSIS_VERSION,
	DMI_CHASSIS_SERIAL,
	DMI_CHASSIS_ASSET_TAG,
	DMI_STRING_MAX,
	DMI_OEM_STRING,	/* special case - will not be in dmi_ident */
};

struct dmi_strmatch {
	unsigned char slot:7;
	unsigned char exact_match:1;
	char substr[79];
};

struct dmi_system_id {
	int (*callback)(const struct dmi_system_id *);
	const char *ident;
	struct dmi_strmatch matches[4];
	void *driver_data;
};
/*
 * struct dmi_device_id appears during expansion of
 * "MODULE_DEVICE_TABLE(dmi, x)". Compiler doesn't look inside it
 * but this is enough for gcc 3.4.6 to error out:
 *	error: storage size of '__mod_dmi_device_table' isn't known
 */
#define dmi_device_id dmi_system_id

#define DMI_MATCH(a, b)	{ .slot = a, .substr = b }
#define DMI_EXACT_MATCH(a, b)	{ .slot = a, .substr = b, .exact_match = 1 }

#define PLATFORM_NAME_SIZE	20
#define PLATFORM_MODULE_PREFIX	"platform:"

/* <kwb-layout platform_device_id>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	kernel_ulong_t driver_data;
};
/* </kwb-layout platform_device_id> */

#define SPI_NAME_SIZE	32
#define SPI_MODULE_PREFIX	"spi:"

/* <kwb-layout spi_device_id>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct spi_device_id {
	char name[SPI_NAME_SIZE];
	kernel_ulong_t driver_data;
};
/* </kwb-layout spi_device_id> */

#define I2C_NAME_SIZE	20
#define I2C_MODULE_PREFIX "i2c:"

/* <kwb-layout i2c_device_id>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct i2c_device_id {
	char name[I2C_NAME_SIZE];
	kernel_ulong_t driver_data;
};
/* </kwb-layout i2c_device_id> */

#define ACPI_ID_LEN	16
struct acpi_device_id {
	__u8 id[ACPI_ID_LEN];
	kernel_ulong_t driver_data;
	__u32 cls;
	__u32 cls_msk;
};
/* MEI client bus (drivers/misc/mei/bus.c): matched by name, UUID and protocol version. */
#define MEI_CL_MODULE_PREFIX "mei:"
#define MEI_CL_NAME_SIZE 32
#define MEI_CL_VERSION_ANY 0xff

struct mei_cl_device_id {
	char name[MEI_CL_NAME_SIZE];
	uuid_le uuid;
	__u8    version;
	kernel_ulong_t driver_info;
};

#endif
