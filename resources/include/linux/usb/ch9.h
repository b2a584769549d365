/* Models include/linux/usb/ch9.h: the kernel's view of chapter 9 (the uapi definitions plus usb_speed_string). */
#ifndef __LINUX_USB_CH9_H
#define __LINUX_USB_CH9_H
#include <uapi/linux/usb/ch9.h>
extern const char *usb_speed_string(enum usb_device_speed speed);
#endif
