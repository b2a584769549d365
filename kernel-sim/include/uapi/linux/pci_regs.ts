// Models linux/include/uapi/linux/pci_regs.h: the kernel and user space include the same header the hardware models are written against.
export * from '../../../hw/pci/pci_regs.ts';
