// The part of usb.ids (and usbutils' class names) the simulated machine's devices need: vendors, products, classes.
export const USB_IDS: Readonly<Record<number, { name: string; products: Readonly<Record<number, string>> }>> = {
  0x1d6b: { name: 'Linux Foundation', products: { 0x0001: '1.1 root hub', 0x0002: '2.0 root hub', 0x0003: '3.0 root hub' } },
  0x1209: { name: 'Generic', products: { 0x0001: 'pid.codes Test PID' } },
  0x46f4: { name: 'QEMU', products: { 0x0001: 'QEMU HARDDISK' } },
};

/** usbutils' names for bInterfaceClass / bDeviceClass (lsusb -t). */
export const USB_CLASSES: Readonly<Record<number, string>> = {
  0x00: '[unknown]', 0x01: 'Audio', 0x02: 'Communications', 0x03: 'Human Interface Device', 0x05: 'Physical Interface Device', 0x06: 'Image',
  0x07: 'Printer', 0x08: 'Mass Storage', 0x09: 'Hub', 0x0a: 'CDC Data', 0x0b: 'Chip/SmartCard', 0x0d: 'Content Security', 0x0e: 'Video',
  0xdc: 'Diagnostic', 0xe0: 'Wireless', 0xef: 'Miscellaneous Device', 0xfe: 'Application Specific Interface', 0xff: 'Vendor Specific Class',
};
