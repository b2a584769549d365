/* Models include/uapi/linux/input.h: struct input_id, struct input_absinfo, EV_VERSION, the EVIOC* ioctls, bus types and force-feedback limits. */
#ifndef _UAPI_INPUT_H
#define _UAPI_INPUT_H
#include <linux/types.h>
#include <linux/ioctl.h>
#include <uapi/linux/input-event-codes.h>

#define EV_VERSION		0x010001

/* <kwb-layout input_id>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct input_id {
	__u16 bustype;
	__u16 vendor;
	__u16 product;
	__u16 version;
};
/* </kwb-layout input_id> */

/* <kwb-layout input_absinfo>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct input_absinfo {
	__s32 value;
	__s32 minimum;
	__s32 maximum;
	__s32 fuzz;
	__s32 flat;
	__s32 resolution;
};
/* </kwb-layout input_absinfo> */

struct input_keymap_entry {
#define INPUT_KEYMAP_BY_INDEX	(1 << 0)
	__u8  flags;
	__u8  len;
	__u16 index;
	__u32 keycode;
	__u8  scancode[32];
};

#define EVIOCGVERSION		_IOR('E', 0x01, int)
#define EVIOCGID		_IOR('E', 0x02, struct input_id)
#define EVIOCGREP		_IOR('E', 0x03, unsigned int[2])
#define EVIOCSREP		_IOW('E', 0x03, unsigned int[2])
#define EVIOCGNAME(len)		_IOC(_IOC_READ, 'E', 0x06, len)
#define EVIOCGPHYS(len)		_IOC(_IOC_READ, 'E', 0x07, len)
#define EVIOCGUNIQ(len)		_IOC(_IOC_READ, 'E', 0x08, len)
#define EVIOCGPROP(len)		_IOC(_IOC_READ, 'E', 0x09, len)
#define EVIOCGKEY(len)		_IOC(_IOC_READ, 'E', 0x18, len)
#define EVIOCGLED(len)		_IOC(_IOC_READ, 'E', 0x19, len)
#define EVIOCGSND(len)		_IOC(_IOC_READ, 'E', 0x1a, len)
#define EVIOCGSW(len)		_IOC(_IOC_READ, 'E', 0x1b, len)
#define EVIOCGBIT(ev, len)	_IOC(_IOC_READ, 'E', 0x20 + (ev), len)
#define EVIOCGABS(abs)		_IOR('E', 0x40 + (abs), struct input_absinfo)
#define EVIOCGRAB		_IOW('E', 0x90, int)
#define EVIOCREVOKE		_IOW('E', 0x91, int)
#define EVIOCSCLOCKID		_IOW('E', 0xa0, int)

#define ID_BUS			0
#define ID_VENDOR		1
#define ID_PRODUCT		2
#define ID_VERSION		3

#define BUS_PCI			0x01
#define BUS_ISAPNP		0x02
#define BUS_USB			0x03
#define BUS_HIL			0x04
#define BUS_BLUETOOTH		0x05
#define BUS_VIRTUAL		0x06
#define BUS_ISA			0x10
#define BUS_I8042		0x11
#define BUS_XTKBD		0x12
#define BUS_RS232		0x13
#define BUS_GAMEPORT		0x14
#define BUS_PARPORT		0x15
#define BUS_AMIGA		0x16
#define BUS_ADB			0x17
#define BUS_I2C			0x18
#define BUS_HOST		0x19
#define BUS_GSC			0x1A
#define BUS_ATARI		0x1B
#define BUS_SPI			0x1C
#define BUS_RMI			0x1D
#define BUS_CEC			0x1E
#define BUS_INTEL_ISHTP		0x1F

#define FF_MAX			0x7f
#define FF_CNT			(FF_MAX + 1)

#endif
