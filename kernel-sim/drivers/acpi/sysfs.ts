// Models linux/drivers/acpi/sysfs.c (acpi_tables_sysfs_init): /sys/firmware/acpi/tables with one read-only binary file per table, and its data/ and dynamic/ directories.
import { kobject_create_and_add, type kobject } from '../../lib/kobject.ts';
import { sysfs_create_bin_file } from '../../fs/sysfs/file.ts';
import type { bin_attribute } from '../../fs/sysfs/sysfs.ts';
import { firmware_kobj } from '../base/init.ts';
import { acpi_tables, type acpi_table_desc } from './tables.ts';

/** acpi_table_attr_init(): the file is the signature, with the instance number from the second table of a signature on. */
function table_attr(t: acpi_table_desc, instance: number): bin_attribute {
  return {
    attr: { name: instance > 1 ? `${t.signature}${instance}` : t.signature, mode: 0o400 },
    size: t.length,
    read: (_k, _a, off, count) => t.bytes.slice(Math.min(off, t.length), Math.min(off + count, t.length)),
  };
}

/** acpi_kobj ("acpi" under /sys/firmware) and its tables/ directory. */
export function acpi_sysfs_init(): kobject | null {
  const acpi = kobject_create_and_add('acpi', firmware_kobj());
  if (!acpi) return null;
  const tables = kobject_create_and_add('tables', acpi);
  if (!tables || !kobject_create_and_add('data', tables) || !kobject_create_and_add('dynamic', tables)) return null;
  const seen = new Map<string, number>();
  for (const t of acpi_tables()) {
    const n = (seen.get(t.signature) ?? 0) + 1;
    seen.set(t.signature, n);
    if (sysfs_create_bin_file(tables, table_attr(t, n))) return null;
  }
  return acpi;
}

