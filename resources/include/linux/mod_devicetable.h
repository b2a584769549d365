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
#endif
