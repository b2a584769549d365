/* Models include/linux/regmap.h (Linux 6.1): register maps over MMIO, SPI and I2C, their configuration, and the access calls. */
#ifndef __LINUX_REGMAP_H
#define __LINUX_REGMAP_H
#include <linux/types.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/bits.h>

struct module;
struct clk;
struct device;
struct regmap;
struct regmap_range_cfg;
struct spi_device;
struct i2c_client;
struct lock_class_key;

enum regcache_type {
	REGCACHE_NONE,
	REGCACHE_RBTREE,
	REGCACHE_COMPRESSED,
	REGCACHE_FLAT,
};

enum regmap_endian {
	REGMAP_ENDIAN_DEFAULT = 0,
	REGMAP_ENDIAN_BIG,
	REGMAP_ENDIAN_LITTLE,
	REGMAP_ENDIAN_NATIVE,
};

/* <kwb-layout reg_default>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct reg_default {
	unsigned int reg;
	unsigned int def;
};
/* </kwb-layout reg_default> */

/* <kwb-layout regmap_range>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct regmap_range {
	unsigned int range_min;
	unsigned int range_max;
};
/* </kwb-layout regmap_range> */

#define regmap_reg_range(low, high) { .range_min = low, .range_max = high, }

/* <kwb-layout regmap_access_table>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct regmap_access_table {
	const struct regmap_range *yes_ranges;
	unsigned int n_yes_ranges;
	const struct regmap_range *no_ranges;
	unsigned int n_no_ranges;
};
/* </kwb-layout regmap_access_table> */

typedef void (*regmap_lock)(void *);
typedef void (*regmap_unlock)(void *);

/* <kwb-layout regmap_config>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct regmap_config {
	const char *name;
	int reg_bits;
	int reg_stride;
	int reg_downshift;
	unsigned int reg_base;
	int pad_bits;
	int val_bits;
	bool (*writeable_reg)(struct device *dev, unsigned int reg);
	bool (*readable_reg)(struct device *dev, unsigned int reg);
	bool (*volatile_reg)(struct device *dev, unsigned int reg);
	bool (*precious_reg)(struct device *dev, unsigned int reg);
	bool (*writeable_noinc_reg)(struct device *dev, unsigned int reg);
	bool (*readable_noinc_reg)(struct device *dev, unsigned int reg);
	bool disable_locking;
	void (*lock)(void *);
	void (*unlock)(void *);
	void *lock_arg;
	int (*reg_read)(void *context, unsigned int reg, unsigned int *val);
	int (*reg_write)(void *context, unsigned int reg, unsigned int val);
	int (*reg_update_bits)(void *context, unsigned int reg, unsigned int mask, unsigned int val);
	int (*read)(void *context, const void *reg_buf, size_t reg_size, void *val_buf, size_t val_size);
	int (*write)(void *context, const void *data, size_t count);
	size_t max_raw_read;
	size_t max_raw_write;
	bool fast_io;
	bool io_port;
	unsigned int max_register;
	const struct regmap_access_table *wr_table;
	const struct regmap_access_table *rd_table;
	const struct regmap_access_table *volatile_table;
	const struct regmap_access_table *precious_table;
	const struct regmap_access_table *wr_noinc_table;
	const struct regmap_access_table *rd_noinc_table;
	const struct reg_default *reg_defaults;
	unsigned int num_reg_defaults;
	enum regcache_type cache_type;
	const void *reg_defaults_raw;
	unsigned int num_reg_defaults_raw;
	unsigned long read_flag_mask;
	unsigned long write_flag_mask;
	bool zero_flag_mask;
	bool use_single_read;
	bool use_single_write;
	bool use_relaxed_mmio;
	bool can_multi_write;
	enum regmap_endian reg_format_endian;
	enum regmap_endian val_format_endian;
	const struct regmap_range_cfg *ranges;
	unsigned int num_ranges;
	bool use_hwlock;
	bool use_raw_spinlock;
	unsigned int hwlock_id;
	unsigned int hwlock_mode;
	bool can_sleep;
};
/* </kwb-layout regmap_config> */

struct regmap *__devm_regmap_init_mmio_clk(struct device *dev, const char *clk_id, void __iomem *regs,
					   const struct regmap_config *config, struct lock_class_key *lock_key,
					   const char *lock_name);
struct regmap *__devm_regmap_init_spi(struct spi_device *dev, const struct regmap_config *config,
				      struct lock_class_key *lock_key, const char *lock_name);

#define devm_regmap_init_mmio_clk(dev, clk_id, regs, config) \
	__devm_regmap_init_mmio_clk(dev, clk_id, regs, config, NULL, #config)
#define devm_regmap_init_mmio(dev, regs, config) devm_regmap_init_mmio_clk(dev, NULL, regs, config)
#define devm_regmap_init_spi(dev, config) __devm_regmap_init_spi(dev, config, NULL, #config)
struct regmap *__devm_regmap_init_i2c(struct i2c_client *i2c, const struct regmap_config *config,
				      struct lock_class_key *lock_key, const char *lock_name);
#define devm_regmap_init_i2c(i2c, config) __devm_regmap_init_i2c(i2c, config, NULL, #config)

int regmap_write(struct regmap *map, unsigned int reg, unsigned int val);
int regmap_read(struct regmap *map, unsigned int reg, unsigned int *val);
int regmap_bulk_write(struct regmap *map, unsigned int reg, const void *val, size_t val_count);
int regmap_bulk_read(struct regmap *map, unsigned int reg, void *val, size_t val_count);
int regmap_update_bits_base(struct regmap *map, unsigned int reg, unsigned int mask, unsigned int val,
			    bool *change, bool async, bool force);
struct device *regmap_get_device(struct regmap *map);
void regcache_cache_only(struct regmap *map, bool enable);
void regcache_cache_bypass(struct regmap *map, bool enable);
void regcache_mark_dirty(struct regmap *map);
int regcache_sync(struct regmap *map);

static inline int regmap_update_bits(struct regmap *map, unsigned int reg, unsigned int mask, unsigned int val)
{
	return regmap_update_bits_base(map, reg, mask, val, NULL, false, false);
}
static inline int regmap_update_bits_check(struct regmap *map, unsigned int reg, unsigned int mask, unsigned int val, bool *change)
{
	return regmap_update_bits_base(map, reg, mask, val, change, false, false);
}
static inline int regmap_write_bits(struct regmap *map, unsigned int reg, unsigned int mask, unsigned int val)
{
	return regmap_update_bits_base(map, reg, mask, val, NULL, false, true);
}
static inline int regmap_set_bits(struct regmap *map, unsigned int reg, unsigned int bits)
{
	return regmap_update_bits_base(map, reg, bits, bits, NULL, false, false);
}
static inline int regmap_clear_bits(struct regmap *map, unsigned int reg, unsigned int bits)
{
	return regmap_update_bits_base(map, reg, bits, 0, NULL, false, false);
}
#endif
