// Models linux/arch/x86/kernel/apic/ipi.c's print_ipi_mode (a late_initcall): whether IPIs to all other CPUs may use the APIC's broadcast shorthand, which no_ipi_broadcast=1 turns off.
import type { initcall_entry } from '../../../../init/link_vmlinux.ts';
import { pr_info } from '../../../../kernel/printk/printk.ts';
import { boot_desc } from '../../../../init/boot_state.ts';

/** apic_ipi_shorthand_off: the early parameter no_ipi_broadcast= (kstrtouint; non-zero turns the shorthand off). */
function apic_ipi_shorthand_off(cmdline: string): boolean {
  const m = /(?:^|\s)no_ipi_broadcast=(\d+)(?:\s|$)/.exec(cmdline);
  return !!m && Number(m[1]) !== 0;
}

function print_ipi_mode(): number {
  pr_info(`IPI shorthand broadcast: ${apic_ipi_shorthand_off(boot_desc().cmdline) ? 'disabled' : 'enabled'}`);
  return 0;
}

export const initcalls: initcall_entry[] = [['late', 'print_ipi_mode', print_ipi_mode, 2_000]];
