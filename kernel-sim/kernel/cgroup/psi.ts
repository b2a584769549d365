// Models linux/kernel/sched/psi.c: pressure stall totals per cgroup and the avg10/avg60/avg300 running averages, and the *.pressure files.
import { ktime_get } from '../time/timekeeping.ts';
import type { cgroup, cftype, psi_line, psi_res } from './cgroup-defs.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { proc_create, proc_mkdir } from '../../fs/proc/generic.ts';
import { simple_read_from_buffer } from '../../fs/libfs.ts';
import { cgrp_dfl_root } from './cgroup.ts';

/** PSI_FREQ: the averages move in 2 s periods; EXP_10s, EXP_60s, EXP_300s are e^(-2/10), e^(-2/60), e^(-2/300). */
const PSI_FREQ_NS = 2_000_000_000;
const EXP = [Math.exp(-2 / 10), Math.exp(-2 / 60), Math.exp(-2 / 300)];

/** Records a stall of `ns` on a resource for the cgroup and its ancestors (psi_group_change, hierarchical). */
export function psi_account(cg: cgroup, res: psi_res, some_ns: number, full_ns: number): void {
  for (let c: cgroup | null = cg; c; c = c.parent) {
    update_averages(c.psi[res].some);
    update_averages(c.psi[res].full);
    c.psi[res].some.total += some_ns;
    c.psi[res].full.total += full_ns;
  }
}

/** calc_avgs over the periods that passed since the last update, the stall spread evenly over them (lazily, no timer). */
function update_averages(l: psi_line): void {
  const now = ktime_get();
  const periods = Math.floor((now - l.avg_last) / PSI_FREQ_NS);
  if (periods <= 0) return;
  const pct = Math.min(100, ((l.total - l.avg_total) / (periods * PSI_FREQ_NS)) * 100);
  for (let p = 0; p < Math.min(periods, 2000); p++) for (let i = 0; i < 3; i++) l.avg[i] = l.avg[i] * EXP[i] + pct * (1 - EXP[i]);
  l.avg_last += periods * PSI_FREQ_NS;
  l.avg_total = l.total;
}

function psi_show(cg: cgroup, res: psi_res): string {
  return (['some', 'full'] as const).map((k) => {
    const l = cg.psi[res][k];
    update_averages(l);
    const [a10, a60, a300] = l.avg.map((v) => v.toFixed(2));
    return `${k} avg10=${a10} avg60=${a60} avg300=${a300} total=${Math.floor(l.total / 1000)}\n`;
  }).join('');
}

/** Pressure interface files of the core (cgroup_psi_files): writing a trigger is accepted and kept by nobody. */
const psi_write = (): number => 0;
export const cgroup_psi_files: cftype[] = [
  { name: 'cgroup.pressure', seq_show: () => '1\n', write: (_cg, buf) => (/^[01]\s*$/.test(buf) ? 0 : -22) },
  { name: 'io.pressure', mode: 0o644, seq_show: (cg) => psi_show(cg, 'io'), write: psi_write },
  { name: 'memory.pressure', mode: 0o644, seq_show: (cg) => psi_show(cg, 'memory'), write: psi_write },
  { name: 'cpu.pressure', mode: 0o644, seq_show: (cg) => psi_show(cg, 'cpu'), write: psi_write },
];

/**
 * psi_proc_init (module_init): /proc/pressure/{io,memory,cpu} show psi_system, which is the root cgroup's group —
 * the whole machine's stalls. A write (a trigger) is accepted, as the cgroup files accept it.
 */
function psi_proc_init(): number {
  proc_mkdir('pressure', null);
  for (const res of ['io', 'memory', 'cpu'] as const) {
    proc_create(`pressure/${res}`, 0o666, null, {
      proc_read: function* (_f, buf, count, ppos) {
        return simple_read_from_buffer(buf, count, ppos, new TextEncoder().encode(psi_show(cgrp_dfl_root(), res)));
      },
      proc_write: function* (_f, _buf, count) { return count; },
    });
  }
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'psi_proc_init', psi_proc_init, 2_000]];
