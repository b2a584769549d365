// Models linux/drivers/scsi/scsi.c's init_scsi/exit_scsi and scsi_mod.ko (CONFIG_SCSI=m, as Debian builds it): the scsi_host class, the scsi bus and the scsi_device class, and "SCSI subsystem initialized"; loaded the first time a driver that needs it (usb-storage) is.
import type { KGen } from '../../include/linux/sched.ts';
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import { bus_register, bus_unregister } from '../base/bus.ts';
import { class_register, class_unregister } from '../base/class.ts';
import { KERN_NOTICE, printk } from '../../kernel/printk/printk.ts';
import { scsi_bus_type, scsi_device_class, scsi_host_class } from './scsi_sysfs.ts';

/** init_scsi: scsi_init_hosts (the scsi_host class), scsi_init_sysfs (the bus, the scsi_device class), then the notice. */
export function init_scsi(): number {
  let r = class_register(scsi_host_class);
  if (r) return r;
  r = bus_register(scsi_bus_type);
  if (r) { class_unregister(scsi_host_class); return r; }
  r = class_register(scsi_device_class);
  if (r) { bus_unregister(scsi_bus_type); class_unregister(scsi_host_class); return r; }
  printk(`${KERN_NOTICE}SCSI subsystem initialized`);
  return 0;
}

function* exit_scsi(): KGen<void> {
  class_unregister(scsi_device_class);
  bus_unregister(scsi_bus_type);
  class_unregister(scsi_host_class);
}

export const obj_m: readonly ts_module_def[] = [{
  name: 'scsi_mod',
  path: 'kernel/drivers/scsi/scsi_mod.ko',
  description: 'SCSI core',
  license: 'GPL',
  size: 270336,
  init: init_scsi,
  exit: exit_scsi,
}];
