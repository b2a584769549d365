// Models linux/drivers/cxl/core/port.c's cxl_core_init (module_init of the built-in cxl_core, CONFIG_CXL_BUS=y as Debian builds it) with memdev.c's cxl_memdev_init: the "cxl" character major for memory devices and the cxl bus. No machine here has a CXL host bridge or memory device (cxl_acpi and cxl_pci are modules on Debian, and nothing loads them), so the bus stays empty; the mailbox debugfs files and the region driver are not modelled.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { alloc_chrdev_region, unregister_chrdev_region } from '../../../fs/char_dev.ts';
import type { bus_type } from '../../base/base.ts';
import { bus_register } from '../../base/bus.ts';

/** CXL_MEM_MAX_DEVS (cxlmem.h): minors of /dev/cxl/memN. */
export const CXL_MEM_MAX_DEVS = 65536;

// kernel-static: the bus description; its registration is per machine
const cxl_bus_type: bus_type = { name: 'cxl' };

function cxl_core_init(): number {
  const devt = alloc_chrdev_region(0, CXL_MEM_MAX_DEVS, 'cxl');
  if (devt < 0) return devt;
  const r = bus_register(cxl_bus_type);
  if (r) { unregister_chrdev_region(devt, CXL_MEM_MAX_DEVS); return r; }
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'cxl_core_init', cxl_core_init, 20_000]];
