// Models linux/drivers/cpufreq/acpi-cpufreq.c: the scaling driver for P-states an ACPI _PSS lists, switched through the _PCT's SYSTEM_IO control port (no MSR interface on this CPU model).
//
// The machine's firmware declares its _PSS in the DTS's /cpus node (kwb,acpi-pss: <core_frequency_mhz power_mw
// transition_latency_us bus_master_latency_us control status> per P-state, P0 first), as it does the _CST; QEMU's
// own q35 declares none, and a machine without one has no cpufreq driver (as the reference: no cpufreq/ policies).
// Debian builds acpi-cpufreq as a module that udev loads from the CPU's modalias; here it is built in (late_initcall).
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../../kernel/state.ts';
import { be32, of_find_node_by_path, of_get_property } from '../of/base.ts';
import type { cpufreq_driver, cpufreq_policy, freq_attr } from './cpufreq_types.ts';
import { cpufreq_register_driver } from './cpufreq.ts';
import { cpufreq_freq_attr_scaling_available_freqs, cpufreq_frequency_table_cpuinfo } from './freq_table.ts';

/** struct acpi_processor_px: one _PSS package. */
export interface acpi_processor_px {
  core_frequency: number; power: number; transition_latency: number; bus_master_latency: number; control: number; status: number;
}

/** acpi_processor_get_performance_states(): the _PSS packages (6 cells each). */
export function acpi_processor_get_performance_states(): acpi_processor_px[] {
  const v = of_get_property(of_find_node_by_path('/cpus'), 'kwb,acpi-pss');
  if (!v) return [];
  const out: acpi_processor_px[] = [];
  for (let off = 0; off + 24 <= v.length; off += 24) {
    const c = [0, 4, 8, 12, 16, 20].map((o) => be32(v, off + o));
    out.push({ core_frequency: c[0]!, power: c[1]!, transition_latency: c[2]!, bus_master_latency: c[3]!, control: c[4]!, status: c[5]! });
  }
  return out;
}

/** The P-state each CPU's status port reports (the value last written to its control port): P0 at power-on. */
const pstateHw = defineState('acpi_cpufreq_hw', () => ({ status: [] as number[] }));

/** get_cur_freq_on_cpu(): the frequency whose _PSS status matches the port. */
function get_cur_freq_on_cpu(cpu: number): number {
  const pss = acpi_processor_get_performance_states();
  const status = pstateHw().status[cpu] ?? pss[0]?.status;
  const px = pss.find((p) => p.status === status) ?? pss[0];
  return px ? px.core_frequency * 1000 : 0;
}

/** acpi_cpufreq_cpu_init(): the table from _PSS (duplicate frequencies skipped), the longest transition latency. */
function acpi_cpufreq_cpu_init(policy: cpufreq_policy): number {
  const pss = acpi_processor_get_performance_states();
  if (!pss.length) return -ENODEV;
  policy.freq_table = [];
  let last = -1;
  pss.forEach((px, i) => {
    const f = px.core_frequency * 1000;
    if (f === last) return;
    last = f;
    policy.freq_table.push({ driver_data: i, frequency: f });
  });
  policy.cpuinfo.transition_latency = Math.max(...pss.map((px) => px.transition_latency * 1000));
  const r = cpufreq_frequency_table_cpuinfo(policy);
  policy.cur = get_cur_freq_on_cpu(policy.cpu);
  return r;
}

/** acpi_cpufreq_target(): write the P-state's control value to the CPU's control port. */
function acpi_cpufreq_target(policy: cpufreq_policy, index: number): number {
  const px = acpi_processor_get_performance_states()[policy.freq_table[index]!.driver_data];
  if (!px) return -ENODEV;
  for (const cpu of policy.cpus) pstateHw().status[cpu] = px.status;
  return 0;
}

const freqdomain_cpus: freq_attr = { name: 'freqdomain_cpus', mode: 0o444, show: (p) => `${p.related_cpus.map((c) => `${c} `).join('')}\n` };

// kernel-static: the driver's description; its registration is per machine
const acpi_cpufreq_driver: cpufreq_driver = {
  name: 'acpi-cpufreq',
  init: acpi_cpufreq_cpu_init,
  target_index: acpi_cpufreq_target,
  get: get_cur_freq_on_cpu,
  // acpi_processor_get_bios_limit(): _PPC is 0, so P0.
  bios_limit: () => (acpi_processor_get_performance_states()[0]?.core_frequency ?? 0) * 1000 || null,
  attr: [cpufreq_freq_attr_scaling_available_freqs, freqdomain_cpus],
};

/** acpi_cpufreq_init(): nothing to drive without _PSS (-ENODEV, silently). */
function acpi_cpufreq_init(): number {
  if (!acpi_processor_get_performance_states().length) return -ENODEV;
  return cpufreq_register_driver(acpi_cpufreq_driver);
}

export const initcalls: initcall_entry[] = [['late', 'acpi_cpufreq_init', acpi_cpufreq_init, 5_000]];
