/* Models include/linux/spi/spi.h (Linux 6.1): SPI devices, drivers, transfers and messages, and the calls protocol drivers make. */
#ifndef __LINUX_SPI_H
#define __LINUX_SPI_H
#include <linux/bits.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <uapi/linux/spi/spi.h>

struct spi_controller;
struct spi_statistics;
struct ptp_system_timestamp;


/* <kwb-layout spi_delay>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct spi_delay {
	u16 value;
	u8 unit;
};
/* </kwb-layout spi_delay> */
#define SPI_DELAY_UNIT_USECS	0
#define SPI_DELAY_UNIT_NSECS	1
#define SPI_DELAY_UNIT_SCK	2

#define SPI_NO_TX	BIT(31)
#define SPI_NO_RX	BIT(30)
#define SPI_MODE_KERNEL_MASK	(~(BIT(30) - 1))

/* <kwb-layout spi_device>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct spi_device {
	struct device dev;
	struct spi_controller *controller;
	u32 max_speed_hz;
	u8 chip_select;
	u8 bits_per_word;
	bool rt;
	u32 mode;
	int irq;
	void *controller_state;
	void *controller_data;
	char modalias[SPI_NAME_SIZE];
	const char *driver_override;
	struct spi_delay cs_setup;
	struct spi_delay cs_hold;
	struct spi_delay cs_inactive;
	struct spi_statistics *pcpu_statistics;
};
/* </kwb-layout spi_device> */

static inline struct spi_device *to_spi_device(struct device *dev)
{
	return dev ? container_of(dev, struct spi_device, dev) : NULL;
}
static inline void spi_set_drvdata(struct spi_device *spi, void *data) { dev_set_drvdata(&spi->dev, data); }
static inline void *spi_get_drvdata(struct spi_device *spi) { return dev_get_drvdata(&spi->dev); }
static inline u8 spi_get_chipselect(struct spi_device *spi, u8 idx) { return spi->chip_select; }

/* <kwb-layout spi_driver>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct spi_driver {
	const struct spi_device_id *id_table;
	int (*probe)(struct spi_device *spi);
	void (*remove)(struct spi_device *spi);
	void (*shutdown)(struct spi_device *spi);
	struct device_driver driver;
};
/* </kwb-layout spi_driver> */

static inline struct spi_driver *to_spi_driver(struct device_driver *drv)
{
	return drv ? container_of(drv, struct spi_driver, driver) : NULL;
}
extern int __spi_register_driver(struct module *owner, struct spi_driver *sdrv);
extern void spi_unregister_driver(struct spi_driver *sdrv);
#define spi_register_driver(driver) __spi_register_driver(THIS_MODULE, driver)
#define module_spi_driver(__spi_driver) \
	module_driver(__spi_driver, spi_register_driver, spi_unregister_driver)

extern const struct spi_device_id *spi_get_device_id(const struct spi_device *sdev);
extern int spi_setup(struct spi_device *spi);

/* <kwb-layout spi_transfer>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct spi_transfer {
	const void *tx_buf;
	void *rx_buf;
	unsigned len;
	dma_addr_t tx_dma;
	dma_addr_t rx_dma;
	u8 dummy_data;
	u8 cs_off;
	u8 cs_change;
	u8 tx_nbits;
	u8 rx_nbits;
	u8 bits_per_word;
	struct spi_delay delay;
	struct spi_delay cs_change_delay;
	struct spi_delay word_delay;
	u32 speed_hz;
	u32 effective_speed_hz;
	unsigned int ptp_sts_word_pre;
	unsigned int ptp_sts_word_post;
	struct ptp_system_timestamp *ptp_sts;
	bool timestamped;
	struct list_head transfer_list;
	u16 error;
};
/* </kwb-layout spi_transfer> */

/* <kwb-layout spi_message>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct spi_message {
	struct list_head transfers;
	struct spi_device *spi;
	u8 is_dma_mapped;
	void (*complete)(void *context);
	void *context;
	unsigned frame_length;
	unsigned actual_length;
	int status;
	struct list_head queue;
	void *state;
	struct list_head resources;
	bool prepared;
};
/* </kwb-layout spi_message> */

static inline void spi_message_init_no_memset(struct spi_message *m)
{
	INIT_LIST_HEAD(&m->transfers);
	INIT_LIST_HEAD(&m->resources);
}
static inline void spi_message_init(struct spi_message *m)
{
	memset(m, 0, sizeof *m);
	spi_message_init_no_memset(m);
}
static inline void spi_message_add_tail(struct spi_transfer *t, struct spi_message *m)
{
	list_add_tail(&t->transfer_list, &m->transfers);
}
static inline void spi_transfer_del(struct spi_transfer *t)
{
	list_del(&t->transfer_list);
}
static inline void spi_message_init_with_transfers(struct spi_message *m, struct spi_transfer *xfers, unsigned int num_xfers)
{
	unsigned int i;

	spi_message_init(m);
	for (i = 0; i < num_xfers; ++i)
		spi_message_add_tail(&xfers[i], m);
}

extern int spi_sync(struct spi_device *spi, struct spi_message *message);
extern int spi_async(struct spi_device *spi, struct spi_message *message);
extern int spi_write_then_read(struct spi_device *spi, const void *txbuf, unsigned n_tx, void *rxbuf, unsigned n_rx);

/*
 * The largest message and transfer the device's controller takes (SIZE_MAX without a limit). Static inlines over
 * struct spi_controller's max_message_size/max_transfer_size in 6.1; the controller is opaque to C here, so the core
 * answers for it.
 */
extern size_t spi_max_message_size(struct spi_device *spi);
extern size_t spi_max_transfer_size(struct spi_device *spi);

static inline int spi_sync_transfer(struct spi_device *spi, struct spi_transfer *xfers, unsigned int num_xfers)
{
	struct spi_message msg;

	spi_message_init_with_transfers(&msg, xfers, num_xfers);
	return spi_sync(spi, &msg);
}
static inline int spi_write(struct spi_device *spi, const void *buf, size_t len)
{
	struct spi_transfer t = { .tx_buf = buf, .len = len };

	return spi_sync_transfer(spi, &t, 1);
}
static inline int spi_read(struct spi_device *spi, void *buf, size_t len)
{
	struct spi_transfer t = { .rx_buf = buf, .len = len };

	return spi_sync_transfer(spi, &t, 1);
}
static inline ssize_t spi_w8r8(struct spi_device *spi, u8 cmd)
{
	ssize_t status;
	u8 result;

	status = spi_write_then_read(spi, &cmd, 1, &result, 1);
	return (status < 0) ? status : result;
}
static inline ssize_t spi_w8r16(struct spi_device *spi, u8 cmd)
{
	ssize_t status;
	u16 result;

	status = spi_write_then_read(spi, &cmd, 1, &result, 2);
	return (status < 0) ? status : result;
}
static inline ssize_t spi_w8r16be(struct spi_device *spi, u8 cmd)
{
	ssize_t status;
	__be16 result;

	status = spi_write_then_read(spi, &cmd, 1, &result, 2);
	if (status < 0)
		return status;
	return (u16)((result << 8) | (result >> 8));	/* be16_to_cpu on a little-endian CPU */
}
#endif
