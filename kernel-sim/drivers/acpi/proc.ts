// Models linux/drivers/acpi/proc.c (acpi_sleep_proc_init: /proc/acpi/wakeup) and bus.c's /proc/acpi directory (acpi_root_dir).
import { proc_create, proc_mkdir } from '../../fs/proc/generic.ts';
import { simple_read_from_buffer } from '../../fs/libfs.ts';
import { S_IFREG, S_IRUGO, S_IWUSR } from '../../include/uapi/stat.ts';

/** ACPI_BUS_FILE_ROOT. */
const ACPI_BUS_FILE_ROOT = 'acpi';

/**
 * acpi_system_wakeup_device_seq_show(): the header, then a line per device on acpi_wakeup_device_list, which the scan
 * fills from the devices whose object has a _PRW (acpi_bus_get_wakeup_device_flags). QEMU 7.2's q35 DSDT
 * (hw/i386/acpi-dsdt.ts) declares no _PRW — the RTC wakes the machine through the fixed event, not a GPE — so on the
 * modelled machines the list is empty, as on the reference.
 */
function acpi_system_wakeup_device_show(): string {
  return 'Device\tS-state\t  Status   Sysfs node\n';
}

/** acpi_bus_init()'s proc_mkdir(ACPI_BUS_FILE_ROOT): /proc/acpi, after the interpreter and IRQ model are set up. */
export function acpi_proc_root_init(): void {
  proc_mkdir(ACPI_BUS_FILE_ROOT, null);
}

/** acpi_sleep_proc_init() (from acpi_init, after the scan): /proc/acpi/wakeup, readable by all, written by root. */
export function acpi_sleep_proc_init(): void {
  proc_create(`${ACPI_BUS_FILE_ROOT}/wakeup`, S_IFREG | S_IRUGO | S_IWUSR, null, {
    proc_read: function* (_f, buf, count, ppos) {
      return simple_read_from_buffer(buf, count, ppos, new TextEncoder().encode(acpi_system_wakeup_device_show()));
    },
    // acpi_system_write_wakeup_device(): toggles the named device's wakeup; with the list empty, nothing changes.
    proc_write: function* (_f, _buf, count) { return count; },
  });
}
