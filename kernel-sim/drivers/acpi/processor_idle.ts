// Models linux/drivers/acpi/processor_idle.c with processor_driver.c's registration: the "processor" driver on the cpu bus, and acpi_idle's C-states built from each processor's _CST (C1 by HLT, C2/C3 by P_LVLx port reads) for cpuidle.
//
// The machine's firmware declares its _CST in the DTS's /cpus node (kwb,acpi-cst: <type space_id address latency_us
// power_mw> per state; the DSDT model carries no _CST object yet). QEMU's own q35 declares none, and a machine
// without one gets no idle driver at all, as on the reference (current_driver: none).
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { be32, of_find_node_by_path, of_get_property } from '../of/base.ts';
import type { device, device_driver } from '../base/base.ts';
import { cpu_subsys } from '../base/cpu.ts';
import { driver_register } from '../base/driver.ts';
import { run_sync } from '../base/sync.ts';
import { cpuidle_poll_state_init } from '../cpuidle/poll_state.ts';
import { cpuidle_register_device, cpuidle_register_driver } from '../cpuidle/cpuidle.ts';
import { cpuidle_get_driver } from '../cpuidle/core_state.ts';
import type { cpuidle_driver } from '../cpuidle/cpuidle_types.ts';

export const ACPI_STATE_C1 = 1, ACPI_STATE_C2 = 2, ACPI_STATE_C3 = 3;
const ACPI_ADR_SPACE_SYSTEM_IO = 0x01, ACPI_ADR_SPACE_FIXED_HARDWARE = 0x7f;
/** FADT-era limits acpi_processor_power_verify applies to C2 and C3 latencies (include/acpi/processor.h). */
const ACPI_PROCESSOR_MAX_C2_LATENCY = 100, ACPI_PROCESSOR_MAX_C3_LATENCY = 1000;
/** processor.latency_factor: target residency = latency * 2. */
const latency_factor = 2;

/** struct acpi_processor_cx, as acpi_processor_evaluate_cst fills it. */
export interface acpi_processor_cx { type: number; address: number; latency: number; power: number; desc: string }

/** The _CST packages the firmware gives each processor (the same for every CPU here). */
export function acpi_processor_evaluate_cst(): acpi_processor_cx[] {
  const v = of_get_property(of_find_node_by_path('/cpus'), 'kwb,acpi-cst');
  if (!v) return [];
  const out: acpi_processor_cx[] = [];
  for (let off = 0; off + 20 <= v.length; off += 20) {
    const [type, space, address, latency, power] = [0, 4, 8, 12, 16].map((o) => be32(v, off + o)) as [number, number, number, number, number];
    // FIXED_HARDWARE C1 without MWAIT (this CPU model has none): HLT. Other FFH states cannot be entered and are skipped.
    if (space === ACPI_ADR_SPACE_FIXED_HARDWARE && type === ACPI_STATE_C1) out.push({ type, address, latency, power, desc: 'ACPI HLT' });
    else if (space === ACPI_ADR_SPACE_SYSTEM_IO) out.push({ type, address, latency, power, desc: `ACPI IOPORT 0x${address.toString(16)}` });
  }
  return out;
}

/** acpi_processor_power_verify(): C2 and C3 over their latency limits are dropped; C1 is always there. */
function acpi_processor_power_verify(cst: acpi_processor_cx[]): acpi_processor_cx[] {
  return cst.filter((cx) => cx.type === ACPI_STATE_C1
    || (cx.type === ACPI_STATE_C2 && cx.latency <= ACPI_PROCESSOR_MAX_C2_LATENCY)
    || (cx.type === ACPI_STATE_C3 && cx.latency <= ACPI_PROCESSOR_MAX_C3_LATENCY));
}

/** acpi_processor_setup_cstates(): POLL, then "C<n>" per valid state; C2 and C3 can serve suspend-to-idle. */
function acpi_processor_setup_cstates(cst: acpi_processor_cx[]): cpuidle_driver {
  const drv: cpuidle_driver = { name: 'acpi_idle', states: [], safe_state_index: 0 };
  cpuidle_poll_state_init(drv);
  cst.forEach((cx, i) => {
    drv.states.push({
      name: `C${i + 1}`, desc: cx.desc, flags: 0,
      exit_latency: cx.latency, target_residency: cx.latency * latency_factor, exit_latency_ns: 0, target_residency_ns: 0,
      power_usage: 0, enter_s2idle: cx.type !== ACPI_STATE_C1,
    });
    if (cx.type !== ACPI_STATE_C3) drv.safe_state_index = drv.states.length - 1;
  });
  return drv;
}

/** acpi_processor_power_init(): the first CPU with power states registers acpi_idle; each gets its cpuidle device. */
function acpi_processor_power_init(cpu: number): number {
  const cst = acpi_processor_power_verify(acpi_processor_evaluate_cst());
  if (!cst.length) return 0; // no _CST: no idle driver, the default HLT idle
  if (!cpuidle_get_driver()) {
    const r = cpuidle_register_driver(acpi_processor_setup_cstates(cst));
    if (r) return r;
  }
  return cpuidle_register_device(cpu);
}

/** acpi_processor_start(): the probe of a CPU device (every CPU has its processor object, \_SB.CPUS.C00n). */
function acpi_processor_start(dev: device): number {
  acpi_processor_power_init(dev.id);
  return 0;
}

// kernel-static: the driver's description; its registration is per machine
const acpi_processor_driver: device_driver = { name: 'processor', bus: cpu_subsys, probe: acpi_processor_start };

function acpi_processor_driver_init(): number {
  return run_sync(driver_register(acpi_processor_driver) as KGen<number>, 'initcall');
}

export const initcalls: initcall_entry[] = [['device', 'acpi_processor_driver_init', acpi_processor_driver_init, 20_000]];
