// Layouts of the I2C core's and hwmon's structs as Linux 6.1 declares them (include/linux/i2c.h, uapi/linux/i2c.h, mod_devicetable.h, linux/hwmon.h).
import type { StructSpec } from './spec.ts';

export const I2C_LAYOUTS: StructSpec[] = [
  { tag: 'i2c_device_id', header: 'linux/mod_devicetable.h', members: [
    { name: 'name', type: 'char', count: 'I2C_NAME_SIZE' },
    { name: 'driver_data', type: 'kernel_ulong_t' },
  ] },
  { tag: 'i2c_msg', header: 'uapi/linux/i2c.h', members: [
    { name: 'addr', type: '__u16' },
    { name: 'flags', type: '__u16' },
    { name: 'len', type: '__u16' },
    { name: 'buf', type: '__u8 *' },
  ] },
  // slave_cb (CONFIG_I2C_SLAVE) is left out: no slave-mode adapters here.
  { tag: 'i2c_client', header: 'linux/i2c.h', members: [
    { name: 'flags', type: 'unsigned short' },
    { name: 'addr', type: 'unsigned short' },
    { name: 'name', type: 'char', count: 'I2C_NAME_SIZE' },
    { name: 'adapter', type: 'struct i2c_adapter *' },
    { name: 'dev', type: 'struct device' },
    { name: 'init_irq', type: 'int' },
    { name: 'irq', type: 'int' },
    { name: 'detected', type: 'struct list_head' },
    { name: 'devres_group_id', type: 'void *' },
  ] },
  { tag: 'i2c_driver', header: 'linux/i2c.h', members: [
    { name: 'class', type: 'unsigned int' },
    { name: 'probe', type: 'int (*%s)(struct i2c_client *client, const struct i2c_device_id *id)' },
    { name: 'remove', type: 'void (*%s)(struct i2c_client *client)' },
    { name: 'probe_new', type: 'int (*%s)(struct i2c_client *client)' },
    { name: 'shutdown', type: 'void (*%s)(struct i2c_client *client)' },
    { name: 'alert', type: 'void (*%s)(struct i2c_client *client, enum i2c_alert_protocol protocol, unsigned int data)' },
    { name: 'command', type: 'int (*%s)(struct i2c_client *client, unsigned int cmd, void *arg)' },
    { name: 'driver', type: 'struct device_driver' },
    { name: 'id_table', type: 'const struct i2c_device_id *' },
    { name: 'detect', type: 'int (*%s)(struct i2c_client *client, struct i2c_board_info *info)' },
    { name: 'address_list', type: 'const unsigned short *' },
    { name: 'clients', type: 'struct list_head' },
    { name: 'flags', type: 'u32' },
  ] },
  // reg_slave/unreg_slave (CONFIG_I2C_SLAVE) are left out: no slave-mode adapters here.
  { tag: 'i2c_algorithm', header: 'linux/i2c.h', members: [
    { name: 'master_xfer', type: 'int (*%s)(struct i2c_adapter *adap, struct i2c_msg *msgs, int num)' },
    { name: 'master_xfer_atomic', type: 'int (*%s)(struct i2c_adapter *adap, struct i2c_msg *msgs, int num)' },
    { name: 'smbus_xfer', type: 'int (*%s)(struct i2c_adapter *adap, u16 addr, unsigned short flags, char read_write, u8 command, int size, union i2c_smbus_data *data)' },
    { name: 'smbus_xfer_atomic', type: 'int (*%s)(struct i2c_adapter *adap, u16 addr, unsigned short flags, char read_write, u8 command, int size, union i2c_smbus_data *data)' },
    { name: 'functionality', type: 'u32 (*%s)(struct i2c_adapter *adap)' },
  ] },
  // The locks (lock_ops, bus_lock, mux_lock, userspace_clients_lock, dev_released) are the kernel's and left out.
  { tag: 'i2c_adapter', header: 'linux/i2c.h', members: [
    { name: 'owner', type: 'struct module *' },
    { name: 'class', type: 'unsigned int' },
    { name: 'algo', type: 'const struct i2c_algorithm *' },
    { name: 'algo_data', type: 'void *' },
    { name: 'timeout', type: 'int' },
    { name: 'retries', type: 'int' },
    { name: 'dev', type: 'struct device' },
    { name: 'locked_flags', type: 'unsigned long' },
    { name: 'nr', type: 'int' },
    { name: 'name', type: 'char', count: 48 },
    { name: 'userspace_clients', type: 'struct list_head' },
    { name: 'quirks', type: 'const struct i2c_adapter_quirks *' },
    { name: 'bus_regulator', type: 'struct regulator *' },
  ] },
  { tag: 'i2c_board_info', header: 'linux/i2c.h', members: [
    { name: 'type', type: 'char', count: 'I2C_NAME_SIZE' },
    { name: 'flags', type: 'unsigned short' },
    { name: 'addr', type: 'unsigned short' },
    { name: 'dev_name', type: 'const char *' },
    { name: 'platform_data', type: 'void *' },
    { name: 'of_node', type: 'struct device_node *' },
    { name: 'fwnode', type: 'struct fwnode_handle *' },
    { name: 'swnode', type: 'const struct software_node *' },
    { name: 'resources', type: 'const struct resource *' },
    { name: 'num_resources', type: 'unsigned int' },
    { name: 'irq', type: 'int' },
  ] },
  { tag: 'hwmon_ops', header: 'linux/hwmon.h', members: [
    { name: 'is_visible', type: 'umode_t (*%s)(const void *drvdata, enum hwmon_sensor_types type, u32 attr, int channel)' },
    { name: 'read', type: 'int (*%s)(struct device *dev, enum hwmon_sensor_types type, u32 attr, int channel, long *val)' },
    { name: 'read_string', type: 'int (*%s)(struct device *dev, enum hwmon_sensor_types type, u32 attr, int channel, const char **str)' },
    { name: 'write', type: 'int (*%s)(struct device *dev, enum hwmon_sensor_types type, u32 attr, int channel, long val)' },
  ] },
  { tag: 'hwmon_channel_info', header: 'linux/hwmon.h', members: [
    { name: 'type', type: 'enum hwmon_sensor_types' },
    { name: 'config', type: 'const u32 *' },
  ] },
  { tag: 'hwmon_chip_info', header: 'linux/hwmon.h', members: [
    { name: 'ops', type: 'const struct hwmon_ops *' },
    { name: 'info', type: 'const struct hwmon_channel_info **' },
  ] },
];
