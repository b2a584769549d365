/* Models include/linux/of_platform.h (the of_device.h parts modules use). */
