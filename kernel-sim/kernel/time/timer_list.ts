// Models linux/kernel/time/timer_list.c: /proc/timer_list (0400) — the header, then per CPU its eight hrtimer clock bases with the active timers and the CPU base's state; then the tick devices: the broadcast device with its masks, and each CPU's.
//
// The machine has one queue of timed events (timer_queue.ts), kept by the boot CPU: its timers are CPU 0's
// CLOCK_MONOTONIC timers; the other bases and CPUs have none.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { proc_create_single } from '../../fs/proc/generic.ts';
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import { S_IRUSR } from '../../include/uapi/stat.ts';
import { ptr_hash } from '../../lib/vsprintf.ts';
import { nr_cpu_ids } from '../softirq.ts';
import { jiffies, ktime_get, timekeeping, TICK_NSEC } from './timekeeping.ts';
import { tickState, tick_get_device, CLOCK_EVT_STATE_ONESHOT, type tick_device } from './tick-common.ts';

/** hrtimer_bases' clock bases in HRTIMER_BASE_* order and the time each reads. */
const clock_bases = ['ktime_get', 'ktime_get_real', 'ktime_get_boottime', 'ktime_get_clocktai'];
const HRTIMER_MAX_CLOCK_BASES = 8;
/** hrtimer_resolution with high-resolution timers active. */
const HRTIMER_RESOLUTION = 1;

function print_cpu(cpu: number, now: number): string {
  let s = `cpu: ${cpu}\n`;
  const queued = cpu === 0 ? timekeeping().timers.queued() : [];
  for (let i = 0; i < HRTIMER_MAX_CLOCK_BASES; i++) {
    const get_time = clock_bases[i % 4]!;
    const offset = get_time === 'ktime_get_real' || get_time === 'ktime_get_clocktai' ? timekeeping().realtime_offset_ns : 0;
    s += ` clock ${i}:\n  .base:       ${ptr_hash(0x1000 + cpu * 0x400 + i * 0x40)}\n  .index:      ${i}\n  .resolution: ${HRTIMER_RESOLUTION} nsecs\n`;
    s += `  .get_time:   ${get_time}\n  .offset:     ${offset} nsecs\nactive timers:\n`;
    if (i !== 0) continue;
    queued.forEach((t, n) => {
      s += ` #${n}: <${ptr_hash(0x2000 + t.seq)}>, ${t.name}, S:01\n`;
      s += ` # expires at ${t.expires}-${t.expires} nsecs [in ${t.expires - now} to ${t.expires - now} nsecs]\n`;
    });
  }
  const next = queued[0]?.expires;
  s += `  .${'expires_next'.padEnd(15)}: ${next ?? 2 ** 63 - 1} nsecs\n  .${'hres_active'.padEnd(15)}: 1\n`;
  return s;
}

/** print_tickdevice(): the device serving the tick (cpu -1: the broadcast one), its limits, state and callbacks. */
function print_tickdevice(td: tick_device, cpu: number, now: number): string {
  let s = `Tick Device: mode:     ${td.mode}\n${cpu < 0 ? 'Broadcast device' : `Per CPU device: ${cpu}`}\nClock Event Device: `;
  const dev = td.evtdev;
  if (!dev) return `${s}<NULL>\n`;
  // A one-shot per-CPU device is programmed for the CPU's next tick (the sched tick of a busy or soon-woken CPU).
  const next = cpu >= 0 && dev.state === CLOCK_EVT_STATE_ONESHOT ? BigInt((Math.floor(now / TICK_NSEC) + 1) * TICK_NSEC) : dev.next_event;
  s += `${dev.name}\n max_delta_ns:   ${dev.max_delta_ns}\n min_delta_ns:   ${dev.min_delta_ns}\n mult:           ${dev.mult}\n`;
  s += ` shift:          ${dev.shift}\n mode:           ${dev.state}\n next_event:     ${next} nsecs\n set_next_event: ${dev.ops.set_next_event}\n`;
  const ops: [string, string | undefined][] = [
    ['shutdown:       ', dev.ops.shutdown], ['periodic:       ', dev.ops.periodic], ['oneshot:        ', dev.ops.oneshot],
    ['oneshot stopped: ', dev.ops.oneshot_stopped], ['resume:         ', dev.ops.resume],
  ];
  for (const [label, fn] of ops) if (fn) s += ` ${label}${fn}\n`;
  s += ` event_handler:  ${dev.event_handler}\n\n retries:        ${dev.retries}\n`;
  if (cpu >= 0) s += 'Wakeup Device: <NULL>\n';
  return `${s}\n`;
}

/** %*pb of a cpumask: hex digits for nr_cpu_ids bits. */
const cpumask_pb = (mask: number): string => mask.toString(16).padStart(Math.ceil(nr_cpu_ids() / 4), '0');

/** timer_list_show: "Timer List Version: v0.9", the clock bases count, now, then each CPU and jiffies, then the tick devices. */
function timer_list_show(m: seq_file): number {
  const now = ktime_get();
  let s = `Timer List Version: v0.9\nHRTIMER_MAX_CLOCK_BASES: ${HRTIMER_MAX_CLOCK_BASES}\nnow at ${now} nsecs\n\n`;
  for (let cpu = 0; cpu < nr_cpu_ids(); cpu++) s += `${print_cpu(cpu, now)}jiffies: ${jiffies()}\n\n`;
  const ts = tickState();
  s += print_tickdevice(ts.broadcast, -1, now);
  s += `tick_broadcast_mask: ${cpumask_pb(ts.broadcast_mask)}\ntick_broadcast_oneshot_mask: ${cpumask_pb(ts.broadcast_oneshot_mask)}\n\n`;
  for (let cpu = 0; cpu < nr_cpu_ids(); cpu++) s += print_tickdevice(tick_get_device(cpu), cpu, now);
  seq_puts(m, s);
  return 0;
}

/** init_timer_list_procfs (__initcall). */
function init_timer_list_procfs(): number {
  proc_create_single('timer_list', S_IRUSR, null, timer_list_show);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'init_timer_list_procfs', init_timer_list_procfs, 2_000]];
