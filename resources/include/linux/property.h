/* Models include/linux/property.h: firmware-agnostic device properties. */
#ifndef _LINUX_PROPERTY_H_
#define _LINUX_PROPERTY_H_
#include <linux/bits.h>
#include <linux/types.h>
typedef u32 phandle;
struct device;
struct fwnode_handle;
bool device_property_present(struct device *dev, const char *propname);
int device_property_read_u8_array(struct device *dev, const char *propname, u8 *val, size_t nval);
int device_property_read_u16_array(struct device *dev, const char *propname, u16 *val, size_t nval);
int device_property_read_u32_array(struct device *dev, const char *propname, u32 *val, size_t nval);
int device_property_read_u64_array(struct device *dev, const char *propname, u64 *val, size_t nval);
int device_property_read_string_array(struct device *dev, const char *propname, const char **val, size_t nval);
int device_property_read_string(struct device *dev, const char *propname, const char **val);
int device_property_match_string(struct device *dev, const char *propname, const char *string);
static inline bool device_property_read_bool(struct device *dev, const char *propname) { return device_property_present(dev, propname); }
static inline int device_property_read_u8(struct device *dev, const char *propname, u8 *val) { return device_property_read_u8_array(dev, propname, val, 1); }
static inline int device_property_read_u16(struct device *dev, const char *propname, u16 *val) { return device_property_read_u16_array(dev, propname, val, 1); }
static inline int device_property_read_u32(struct device *dev, const char *propname, u32 *val) { return device_property_read_u32_array(dev, propname, val, 1); }
static inline int device_property_read_u64(struct device *dev, const char *propname, u64 *val) { return device_property_read_u64_array(dev, propname, val, 1); }
const void *device_get_match_data(const struct device *dev);
#endif
