// Models include/uapi/linux/gpio.h: the GPIO character device's ioctl numbers and line flags (v1 and v2).

/** _IOR/_IOWR(0xB4, nr, size) of include/uapi/linux/gpio.h. */
const IOC = (dir: number, nr: number, size: number): number => ((dir << 30) | (size << 16) | (0xb4 << 8) | nr) >>> 0;
export const GPIO_GET_CHIPINFO_IOCTL = IOC(2, 0x01, 68);
export const GPIO_GET_LINEINFO_IOCTL = IOC(3, 0x02, 72);
export const GPIO_V2_GET_LINEINFO_IOCTL = IOC(3, 0x05, 256);
export const GPIO_MAX_NAME_SIZE = 32;

/** enum gpio_v2_line_flag. */
export const GPIO_V2_LINE_FLAG_USED = 1 << 0, GPIO_V2_LINE_FLAG_ACTIVE_LOW = 1 << 1, GPIO_V2_LINE_FLAG_INPUT = 1 << 2, GPIO_V2_LINE_FLAG_OUTPUT = 1 << 3;
export const GPIO_V2_LINE_FLAG_EDGE_RISING = 1 << 4, GPIO_V2_LINE_FLAG_EDGE_FALLING = 1 << 5, GPIO_V2_LINE_FLAG_OPEN_DRAIN = 1 << 6, GPIO_V2_LINE_FLAG_OPEN_SOURCE = 1 << 7;
export const GPIO_V2_LINE_FLAG_BIAS_PULL_UP = 1 << 8, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN = 1 << 9, GPIO_V2_LINE_FLAG_BIAS_DISABLED = 1 << 10;
/** The v1 GPIOLINE_FLAG_* bits. */
export const GPIOLINE_FLAG_KERNEL = 1 << 0, GPIOLINE_FLAG_IS_OUT = 1 << 1, GPIOLINE_FLAG_ACTIVE_LOW = 1 << 2, GPIOLINE_FLAG_OPEN_DRAIN = 1 << 3;
export const GPIOLINE_FLAG_OPEN_SOURCE = 1 << 4, GPIOLINE_FLAG_BIAS_PULL_UP = 1 << 5, GPIOLINE_FLAG_BIAS_PULL_DOWN = 1 << 6, GPIOLINE_FLAG_BIAS_DISABLE = 1 << 7;
