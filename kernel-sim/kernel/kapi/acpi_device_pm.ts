// Models linux/drivers/acpi/device_pm.c's acpi_dev_state_d0 for C drivers: whether the device's ACPI companion is in D0 (true without a companion).
//
// ACPI device power states are not modelled: no _PSx method runs, so a companion stays in D0, the state
// acpi_bus_init_power gives a present device on a running machine. Both cases answer true.
import { EXPORT_KAPI } from './registry.ts';

/** The D0 check of a companion (adev->power.state == ACPI_STATE_D0): always so here, see above. */
const ACPI_COMPANION_IN_D0 = 1;

export const ksymtab = EXPORT_KAPI({
  acpi_dev_state_d0: (_dev: number) => ACPI_COMPANION_IN_D0,
});
