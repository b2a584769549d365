// Models linux/drivers/clocksource/acpi_pm.c: the ACPI PM timer (the FADT's 24-bit, 3.579545 MHz counter) as the acpi_pm clocksource, registered once it proves monotonic (fs_initcall).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { ENODEV, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { account_ns } from '../../kernel/time/timekeeping.ts';
import { clocksource_register_hz, CLOCKSOURCE_MASK, CLOCK_SOURCE_IS_CONTINUOUS } from '../../kernel/time/clocksource.ts';
import { pmtmr_ioport } from '../../arch/x86/kernel/acpi/boot.ts';
import { inl } from '../../arch/x86/io.ts';
import { acpi_disabled } from '../acpi/tables.ts';

/** PMTMR_TICKS_PER_SEC and ACPI_PM_MASK. */
const PMTMR_TICKS_PER_SEC = 3_579_545;
const ACPI_PM_MASK = 0xffffff;
const ACPI_PM_MONOTONICITY_CHECKS = 10, ACPI_PM_READ_CHECKS = 10_000;

/** acpi_pm_read(): the counter's 24 bits (read_pmtmr). */
const acpi_pm_read = (port: number): number => inl(port) & ACPI_PM_MASK;

/** init_acpi_pm_clocksource(): ten rounds of reads that must move forward (or wrap near zero), then registration. */
function init_acpi_pm_clocksource(): number {
  const port = acpi_disabled() ? 0 : pmtmr_ioport();
  if (!port) return -ENODEV;
  for (let j = 0; j < ACPI_PM_MONOTONICITY_CHECKS; j++) {
    account_ns(100_000 * j); // udelay(100 * j)
    const value1 = acpi_pm_read(port);
    let i = 0;
    for (; i < ACPI_PM_READ_CHECKS; i++) {
      const value2 = acpi_pm_read(port);
      if (value2 === value1) continue;
      if (value2 > value1 || value2 < 0xfff) break;
      pr_info(`PM-Timer had inconsistent results: 0x${value1.toString(16)}, 0x${value2.toString(16)} - aborting.`);
      return -EINVAL;
    }
    if (i === ACPI_PM_READ_CHECKS) {
      pr_info(`PM-Timer failed consistency check  (0x${value1.toString(16)}) - aborting.`);
      return -ENODEV;
    }
  }
  return clocksource_register_hz({
    name: 'acpi_pm', rating: 200, mask: CLOCKSOURCE_MASK(24), mult: 0, shift: 0, maxadj: 0, max_cycles: 0n, max_idle_ns: 0n,
    flags: CLOCK_SOURCE_IS_CONTINUOUS, read: () => BigInt(acpi_pm_read(port)),
  }, PMTMR_TICKS_PER_SEC);
}

export const initcalls: initcall_entry[] = [['fs', 'init_acpi_pm_clocksource', init_acpi_pm_clocksource, 35_000_000]];
