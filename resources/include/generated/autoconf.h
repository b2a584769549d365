/* Kernel configuration of the simulated kernel (include/generated/autoconf.h). */
#ifndef _KWB_AUTOCONF_H
#define _KWB_AUTOCONF_H
/* The architecture: Debian's amd64 config has CONFIG_X86 and CONFIG_X86_64; modules here are compiled for wasm32
 * (32-bit longs and pointers), so CONFIG_X86_64 and CONFIG_64BIT, which select 64-bit layouts, stay unset. */
#define CONFIG_X86 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_PRINTK 1
#define CONFIG_HZ 250
#define CONFIG_PCI 1
#define CONFIG_PCI_MSI 1
#define CONFIG_OF 1
#define CONFIG_ACPI 1
#define CONFIG_PM 1
#define CONFIG_PM_SLEEP 1
#define CONFIG_PROC_FS 1
#define CONFIG_SYSFS 1
#define CONFIG_DEBUG_FS 1
#define CONFIG_MMU 1
#define CONFIG_HAS_IOMEM 1
#define CONFIG_HAS_DMA 1
#define CONFIG_BASE_SMALL 0
#define CONFIG_NR_CPUS 1
#define CONFIG_LOCALVERSION ""
#endif
