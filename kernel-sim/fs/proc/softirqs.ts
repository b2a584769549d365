// Models linux/fs/proc/softirqs.c: /proc/softirqs, each softirq's runs per possible CPU.
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';
import { kstat_softirqs_cpu, nr_cpu_ids, softirq_to_name } from '../../kernel/softirq.ts';

/** show_softirqs(): "CPU%-8d" per CPU after 20 blanks, then "%12s:" and " %10u" per CPU for each softirq. */
function show_softirqs(m: seq_file): number {
  const cpus = Array.from({ length: nr_cpu_ids() }, (_, i) => i);
  let s = `${' '.repeat(20)}${cpus.map((i) => `CPU${String(i).padEnd(8)}`).join('')}\n`;
  softirq_to_name.forEach((name, nr) => { s += `${name.padStart(12)}:${cpus.map((j) => ` ${String(kstat_softirqs_cpu(nr, j)).padStart(10)}`).join('')}\n`; });
  seq_puts(m, s);
  return 0;
}

/** proc_softirqs_init() (fs_initcall). */
export function proc_softirqs_init(): number {
  proc_create_single('softirqs', 0, null, show_softirqs);
  return 0;
}
