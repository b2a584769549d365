// Models linux/kernel/cpu.c's cpu_device_down/cpu_device_up (with arch/x86/kernel/smpboot.c's lines and kernel/sched/core.c's sched_cpu_deactivate/migrate_tasks, kernel/irq/cpuhotplug.c's irq_migrate_all_off_this_cpu): echo 0|1 > /sys/devices/system/cpu/cpuN/online.
import type { KGen } from '../include/linux/sched.ts';
import { EBUSY, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { cpuOnlineOps, get_cpu_device } from '../drivers/base/cpu.ts';
import { device_online_uevent } from '../drivers/base/core.ts';
import { pr_info } from './printk/printk.ts';
import { irqState } from './irq/irqdesc.ts';
import { runqueue, set_cpu_active } from './sched/core.ts';
import { trace_event } from './trace/trace.ts';
import { cpuState, cpu_online, cpu_possible, online_cpus } from './cpu.ts';

/** A per-CPU kthread of `cpu` (ksoftirqd/1, migration/1, cpuhp/1, kworker/1:0H): parked with its CPU, never migrated. */
const per_cpu_kthread = (comm: string, cpu: number): boolean => new RegExp(`/${cpu}(:|$)`).test(comm);

/** migrate_tasks()/select_fallback_rq(): every other task of the dying CPU moves to the first online CPU left. */
function migrate_tasks(cpu: number, dest: number): number {
  let n = 0;
  for (const t of runqueue().tasks.values()) {
    if (t.cpu !== cpu || per_cpu_kthread(t.comm, cpu)) continue;
    t.cpu = dest;
    trace_event('sched', 'sched_migrate_task', { comm: t.comm, pid: t.pid, orig_cpu: cpu, dest_cpu: dest });
    n++;
  }
  return n;
}

/** irq_migrate_all_off_this_cpu(): interrupts aimed at the CPU are retargeted to one still online. */
function irq_migrate_all_off_this_cpu(cpu: number, dest: number): void {
  for (const desc of irqState().descs.values()) if (desc.irq_data.effective_cpu === cpu) desc.irq_data.effective_cpu = dest;
}

/** _cpu_down(): teardown callbacks newest first, the scheduler stops using the CPU, its tasks and interrupts move, then native_cpu_die's line. */
export function cpu_down(cpu: number): number {
  if (!cpu_possible(cpu) || cpu === 0) return -EINVAL;
  if (!cpu_online(cpu)) return 0;
  const others = online_cpus().filter((c) => c !== cpu);
  if (!others.length) return -EBUSY;
  const st = cpuState();
  for (const step of [...st.steps].reverse()) step.teardown?.(cpu);
  set_cpu_active(cpu, false);
  migrate_tasks(cpu, others[0]!);
  irq_migrate_all_off_this_cpu(cpu, others[0]!);
  st.offline.add(cpu);
  pr_info(`smpboot: CPU ${cpu} is now offline`);
  return 0;
}

/** _cpu_up(): announce_cpu's line once the system runs, the CPU joins the scheduler, startup callbacks in order. */
export function cpu_up(cpu: number): number {
  if (!cpu_possible(cpu)) return -EINVAL;
  if (cpu_online(cpu)) return 0;
  const st = cpuState();
  // -smp N on q35: one node, APIC ids equal to CPU numbers.
  pr_info(`smpboot: Booting Node 0 Processor ${cpu} APIC 0x${cpu.toString(16)}`);
  st.offline.delete(cpu);
  set_cpu_active(cpu, true);
  for (const step of st.steps) {
    const r = step.startup?.(cpu) ?? 0;
    if (r) return r;
  }
  return 0;
}

/** cpu_device_down()/cpu_device_up() for the online file, then the device's OFFLINE/ONLINE uevent (device_offline/device_online). */
function* cpu_device_updown(cpu: number, up: boolean): KGen<number> {
  const r = up ? cpu_up(cpu) : cpu_down(cpu);
  const dev = get_cpu_device(cpu);
  if (!r && dev) device_online_uevent(dev, up);
  return r;
}

function cpu_hotplug_init(): number {
  const ops = cpuOnlineOps();
  ops.up = (cpu) => cpu_device_updown(cpu, true);
  ops.down = (cpu) => cpu_device_updown(cpu, false);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'cpu_hotplug_init', cpu_hotplug_init, 1_000]];
