// Models linux/fs/proc/uptime.c: /proc/uptime, seconds since boot and the idle time summed over CPUs.
import { ktime_get, NSEC_PER_SEC } from '../../kernel/time/timekeeping.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';
import { cpu_times } from './stat.ts';

const secs = (ns: number): string => `${Math.floor(ns / NSEC_PER_SEC)}.${String(Math.floor((ns % NSEC_PER_SEC) / (NSEC_PER_SEC / 100))).padStart(2, '0')}`;

function uptime_proc_show(m: seq_file): number {
  const idle = cpu_times().reduce((a, c) => a + c.idle, 0);
  seq_puts(m, `${secs(ktime_get())} ${secs(idle)}\n`);
  return 0;
}

export function proc_uptime_init(): number {
  proc_create_single('uptime', 0, null, uptime_proc_show);
  return 0;
}
