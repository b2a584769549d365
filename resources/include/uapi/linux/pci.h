/* Models include/uapi/linux/pci.h: devfn encoding. */
#ifndef _UAPILINUX_PCI_H
#define _UAPILINUX_PCI_H
#include <uapi/linux/pci_regs.h>
#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)
#endif
