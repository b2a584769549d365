// Models linux/kernel/cpu.c: the CPU masks (possible, present, online) and the hotplug state callbacks (cpuhp_setup_state) that subsystems hang on a CPU's coming and going.
import { defineState } from './state.ts';
import { runqueue } from './sched/core.ts';

/** CONFIG_NR_CPUS of the reference's Debian kernel: kernel_max prints NR_CPUS - 1. */
export const NR_CPUS = 8192;

/** A cpuhp_setup_state() entry: its startup runs when a CPU comes online, its teardown before it goes. */
export interface cpuhp_step {
  readonly name: string;
  startup: ((cpu: number) => number) | null;
  teardown: ((cpu: number) => number) | null;
}

interface cpu_state {
  /** CPUs taken down (cpu_down); every possible CPU not in it is online. */
  offline: Set<number>;
  /** The dynamic hotplug states (CPUHP_AP_ONLINE_DYN ...), in the order they were set up. */
  steps: cpuhp_step[];
}

export const cpuState = defineState<cpu_state>('cpu', () => ({ offline: new Set(), steps: [] }));

/** nr_cpu_ids: every CPU of the machine is possible and present (smpboot: "Allowing N CPUs, 0 hotplug CPUs"). */
export const nr_cpu_ids = (): number => runqueue().nr_cpus;
export const cpu_possible = (cpu: number): boolean => cpu >= 0 && cpu < nr_cpu_ids();
export const cpu_online = (cpu: number): boolean => cpu_possible(cpu) && !cpuState().offline.has(cpu);
export const possible_cpus = (): number[] => Array.from({ length: nr_cpu_ids() }, (_, i) => i);
export const online_cpus = (): number[] => possible_cpus().filter(cpu_online);
export const num_online_cpus = (): number => online_cpus().length;

/** "%*pbl": a CPU list as ranges ("0-1", "0,2-3", "" when empty). */
export function cpulist(cpus: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < cpus.length; i++) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j]! + 1) j++;
    out.push(j > i ? `${cpus[i]}-${cpus[j]}` : `${cpus[i]}`);
    i = j;
  }
  return out.join(',');
}

/**
 * cpuhp_setup_state(): registers a state's callbacks and, as Linux does for the dynamic states, runs its startup
 * on every CPU already online. Returns 0 or the first startup's error (the state is then removed).
 */
export function cpuhp_setup_state(name: string, startup: cpuhp_step['startup'], teardown: cpuhp_step['teardown']): number {
  const step: cpuhp_step = { name, startup, teardown };
  for (const cpu of online_cpus()) {
    const r = startup?.(cpu) ?? 0;
    if (r) return r;
  }
  cpuState().steps.push(step);
  return 0;
}

export function cpuhp_remove_state(name: string): void {
  const st = cpuState();
  const step = st.steps.find((s) => s.name === name);
  if (!step) return;
  for (const cpu of online_cpus()) step.teardown?.(cpu);
  st.steps = st.steps.filter((s) => s !== step);
}
