// Models linux/arch/x86/kernel/apic/apic.c's apic_intr_mode_init and io_apic.c's check_timer as the boot log shows them: the switch to symmetric I/O mode and where the timer interrupt was found.
import { pr_info } from '../../../../kernel/printk/printk.ts';
import { acpi_isa_irq_pin } from '../acpi/boot.ts';

/** ISA_IRQ_VECTOR(0): the legacy irqs' vectors start at FIRST_EXTERNAL_VECTOR (0x20) + 16. */
const IRQ0_VECTOR = 0x30;

/**
 * apic_intr_mode_init() from x86_late_time_init, then check_timer(): irq 0's pin on the first I/O APIC (its MADT
 * override, pin 2 on QEMU) and the 8259A's ExtINT pin (apic2/pin2), which an ACPI MADT never lists (-1).
 */
export function apic_intr_mode_init(): void {
  const pin1 = acpi_isa_irq_pin(0);
  if (pin1 < 0) return;
  pr_info('APIC: Switch to symmetric I/O mode setup');
  pr_info(`..TIMER: vector=0x${IRQ0_VECTOR.toString(16).toUpperCase()} apic1=0 pin1=${pin1} apic2=-1 pin2=-1`);
}
