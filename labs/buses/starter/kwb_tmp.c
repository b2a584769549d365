// SPDX-License-Identifier: GPL-2.0
/*
 * kwb_tmp: a driver for the LM75-compatible temperature sensor on the SMBus.
 * It reads the 16-bit temperature register (most significant byte first) and
 * reports it through hwmon as temp1_input, in millidegrees Celsius.
 */
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/i2c.h>
#include <linux/hwmon.h>

#define TMP_REG_TEMP	0x00
#define TMP_REG_CONF	0x01

struct kwb_tmp {
	struct i2c_client *client;
};

static umode_t kwb_tmp_is_visible(const void *data, enum hwmon_sensor_types type, u32 attr, int channel)
{
	return type == hwmon_temp && attr == hwmon_temp_input ? 0444 : 0;
}

static int kwb_tmp_read(struct device *dev, enum hwmon_sensor_types type, u32 attr, int channel, long *val)
{
	struct kwb_tmp *tmp = dev_get_drvdata(dev);
	s32 reg;

	/* TODO(read): read the temperature register and convert it to millidegrees. */
	reg = 0;
	*val = reg;
	return -EOPNOTSUPP;
}

static const struct hwmon_ops kwb_tmp_hwmon_ops = {
	.is_visible = kwb_tmp_is_visible,
	.read = kwb_tmp_read,
};

static const struct hwmon_channel_info *kwb_tmp_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT),
	NULL
};

static const struct hwmon_chip_info kwb_tmp_chip_info = {
	.ops = &kwb_tmp_hwmon_ops,
	.info = kwb_tmp_info,
};

static int kwb_tmp_probe(struct i2c_client *client)
{
	struct device *dev = &client->dev;
	struct device *hwmon_dev;
	struct kwb_tmp *tmp;
	s32 conf;

	if (!i2c_check_functionality(client->adapter, I2C_FUNC_SMBUS_BYTE_DATA | I2C_FUNC_SMBUS_WORD_DATA))
		return -EOPNOTSUPP;

	tmp = devm_kzalloc(dev, sizeof(*tmp), GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	tmp->client = client;

	conf = i2c_smbus_read_byte_data(client, TMP_REG_CONF);
	if (conf < 0)
		return conf;

	hwmon_dev = devm_hwmon_device_register_with_info(dev, "kwb_tmp", tmp, &kwb_tmp_chip_info, NULL);
	if (IS_ERR(hwmon_dev))
		return PTR_ERR(hwmon_dev);
	dev_info(dev, "%s: %s at 0x%02x, conf 0x%02x\n", dev_name(hwmon_dev), client->name, client->addr, conf);
	return 0;
}

/* TODO(tables): match the sensor by its i2c_device_id and its device-tree compatible. */
static const struct i2c_device_id kwb_tmp_ids[] = {
	{ }
};
MODULE_DEVICE_TABLE(i2c, kwb_tmp_ids);

static const struct of_device_id kwb_tmp_of_match[] = {
	{ }
};
MODULE_DEVICE_TABLE(of, kwb_tmp_of_match);

static struct i2c_driver kwb_tmp_driver = {
	.driver = {
		.name = "kwb_tmp",
		.of_match_table = kwb_tmp_of_match,
	},
	.probe_new = kwb_tmp_probe,
	.id_table = kwb_tmp_ids,
};
module_i2c_driver(kwb_tmp_driver);

MODULE_DESCRIPTION("LM75-compatible temperature sensor (buses lab)");
MODULE_LICENSE("GPL");
