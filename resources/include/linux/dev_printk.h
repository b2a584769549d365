/* Models include/linux/dev_printk.h: dev_info() and friends print "DRIVER BUSID: message" like Linux. */
#ifndef _DEVICE_PRINTK_H_
#define _DEVICE_PRINTK_H_
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/ratelimit.h>
#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif
struct device;
__printf(3, 4) __cold void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_emerg(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_alert(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_crit(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_err(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_warn(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_notice(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_info(const struct device *dev, const char *fmt, ...);
#define dev_printk(level, dev, fmt, ...) _dev_printk(level, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) _dev_emerg(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) _dev_crit(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) _dev_alert(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) _dev_err(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) _dev_warn(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) _dev_notice(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) _dev_info(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_no_printk(level, dev, fmt, ...) ({ if (0) _dev_printk(level, dev, fmt, ##__VA_ARGS__); })
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...) dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...) dev_no_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#endif
#define dev_vdbg(dev, fmt, ...) dev_no_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_emerg_once dev_emerg
#define dev_err_once dev_err
#define dev_warn_once dev_warn
#define dev_info_once dev_info
#define dev_err_ratelimited dev_err
#define dev_warn_ratelimited dev_warn
#define dev_info_ratelimited dev_info
#define dev_dbg_ratelimited dev_dbg
#define dev_WARN(dev, format, arg...) WARN(1, "%s %s: " format, dev_driver_string(dev), dev_name(dev), ## arg)
#define dev_WARN_ONCE(dev, condition, format, arg...) WARN_ONCE(condition, "%s %s: " format, dev_driver_string(dev), dev_name(dev), ## arg)
#endif
