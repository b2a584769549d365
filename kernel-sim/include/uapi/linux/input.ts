// Models linux/include/uapi/linux/input.h: struct input_event's size, EV_VERSION, the bus types and the EVIOC* ioctl numbers (_IOC(dir, 'E', nr, size)).
export const EV_VERSION = 0x010001;
export const BUS_PCI = 0x01, BUS_USB = 0x03, BUS_HIL = 0x04, BUS_BLUETOOTH = 0x05, BUS_VIRTUAL = 0x06, BUS_ISA = 0x10, BUS_I8042 = 0x11;
export const BUS_HOST = 0x19, BUS_I2C = 0x18, BUS_SPI = 0x1c;

export const _IOC_NRMASK = 0xff, _IOC_SIZESHIFT = 16, _IOC_SIZEMASK = 0x3fff, _IOC_DIRSHIFT = 30;
export const _IOC_WRITE = 1, _IOC_READ = 2;
const _IOC = (dir: number, nr: number, size: number): number => ((dir << _IOC_DIRSHIFT) | (size << _IOC_SIZESHIFT) | (0x45 << 8) | nr) >>> 0;
export const EVIOCGVERSION = _IOC(_IOC_READ, 0x01, 4), EVIOCGID = _IOC(_IOC_READ, 0x02, 8), EVIOCGREP = _IOC(_IOC_READ, 0x03, 8);
export const EVIOCSREP = _IOC(_IOC_WRITE, 0x03, 8), EVIOCGRAB = _IOC(_IOC_WRITE, 0x90, 4), EVIOCREVOKE = _IOC(_IOC_WRITE, 0x91, 4);
export const EVIOCSCLOCKID = _IOC(_IOC_WRITE, 0xa0, 4);
export const EVIOCGNAME = (len: number): number => _IOC(_IOC_READ, 0x06, len);
export const EVIOCGPHYS = (len: number): number => _IOC(_IOC_READ, 0x07, len);
export const EVIOCGUNIQ = (len: number): number => _IOC(_IOC_READ, 0x08, len);
export const EVIOCGPROP = (len: number): number => _IOC(_IOC_READ, 0x09, len);
export const EVIOCGKEY = (len: number): number => _IOC(_IOC_READ, 0x18, len);
export const EVIOCGLED = (len: number): number => _IOC(_IOC_READ, 0x19, len);
export const EVIOCGSND = (len: number): number => _IOC(_IOC_READ, 0x1a, len);
export const EVIOCGSW = (len: number): number => _IOC(_IOC_READ, 0x1b, len);
export const EVIOCGBIT = (ev: number, len: number): number => _IOC(_IOC_READ, 0x20 + ev, len);
/** struct input_absinfo: value, minimum, maximum, fuzz, flat, resolution (six __s32). */
export const EVIOCGABS = (abs: number): number => _IOC(_IOC_READ, 0x40 + abs, 24);
