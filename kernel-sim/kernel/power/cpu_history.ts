// Models what powertop reads (cpuidle's per-state time, cpufreq's current frequency, the firmware's power figures): this boot's CPU idle residency and frequency sampled every 100 virtual ms into a bounded ring, with the _CST/_PSS power model, for the Power view.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { acpi_processor_evaluate_cst } from '../../drivers/acpi/processor_idle.ts';
import { acpi_processor_get_performance_states } from '../../drivers/cpufreq/acpi-cpufreq.ts';
import { cpufreq_cpu_get } from '../../drivers/cpufreq/core_state.ts';
import { cpuidle_get_device, cpuidle_get_driver } from '../../drivers/cpuidle/core_state.ts';
import { cpu_online, possible_cpus } from '../cpu.ts';
import { register_idle_hooks } from '../sched/core.ts';
import { defineState } from '../state.ts';

/** One CPU at a sample: online, its frequency (kHz, 0 without cpufreq), the time (ns) spent in each idle state since boot. */
export interface cpu_sample { cpu: number; online: boolean; khz: number; idle_ns: number[] }
export interface cpu_history_sample { t: number; cpus: cpu_sample[] }

/** The power model: each idle state's power (mW, null for POLL, which spins at the active power) and each P-state's. */
export interface cpu_power_model { idle_mw: (number | null)[]; pstates: { khz: number; mw: number }[] }

const SAMPLE_NS = 100_000_000;
/** Five virtual minutes of samples. */
const MAX_SAMPLES = 3000;

const cpuHistory = defineState('power_cpu_history', () => ({ samples: [] as cpu_history_sample[], next: 0 }));

function take_sample(now: number): void {
  const st = cpuHistory();
  if (now < st.next) return;
  st.next = now + SAMPLE_NS;
  const cpus = possible_cpus().map((cpu): cpu_sample => ({
    cpu, online: cpu_online(cpu), khz: cpufreq_cpu_get(cpu)?.cur ?? 0,
    idle_ns: cpuidle_get_device(cpu)?.states_usage.map((u) => u.time_ns) ?? [],
  }));
  st.samples.push({ t: now, cpus });
  if (st.samples.length > MAX_SAMPLES) st.samples.splice(0, st.samples.length - MAX_SAMPLES);
}

/** The idle states' names and the power model from the firmware's _CST and _PSS (empty where the machine has none). */
export function cpu_power_model(): { states: string[]; model: cpu_power_model } {
  const drv = cpuidle_get_driver();
  const cst = acpi_processor_evaluate_cst();
  const states = drv?.states.map((s) => s.name) ?? [];
  // acpi_idle's states are POLL then C1.. in _CST order.
  const idle_mw = states.map((name) => (name === 'POLL' ? null : cst[Number(name.slice(1)) - 1]?.power ?? null));
  const pstates = acpi_processor_get_performance_states().map((p) => ({ khz: p.core_frequency * 1000, mw: p.power }));
  return { states, model: { idle_mw, pstates } };
}

export function cpu_history(): { states: string[]; model: cpu_power_model; samples: cpu_history_sample[] } {
  return { ...cpu_power_model(), samples: cpuHistory().samples.slice() };
}

function cpu_history_init(): number {
  register_idle_hooks({ tick: take_sample, idle: (_from, to, _next, woke) => { if (woke) take_sample(to); } });
  return 0;
}

export const initcalls: initcall_entry[] = [['late', 'cpu_history_init', cpu_history_init, 1_000]];
