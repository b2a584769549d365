// Models systemd-cgls(1) on a system without systemd: the cgroup2 tree under /sys/fs/cgroup with the processes of each cgroup, read through cgroup.procs and /proc like the real tool.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { getopt, has } from '../lib/getopt.ts';

const ROOT = '/sys/fs/cgroup';
const DT_DIR = 4;

/** One process line: the pid and its command line (or [comm] for a kernel thread, shown with -k only). */
function* process_label(c: Libc, pid: string, kernel: boolean): KGen<string | null> {
  const cmd = yield* c.read_text(`/proc/${pid}/cmdline`);
  const args = typeof cmd === 'string' ? cmd.split('\0').filter(Boolean).join(' ') : '';
  if (args) return `${pid} ${args}`;
  if (!kernel) return null;
  const comm = yield* c.read_text(`/proc/${pid}/comm`);
  return typeof comm === 'string' ? `${pid} [${comm.trim()}]` : null;
}

/** Prints a cgroup's processes, then its child cgroups, with the tree's box-drawing prefixes. */
function* show(c: Libc, dir: string, prefix: string, kernel: boolean, out: string[]): KGen<void> {
  const procs = yield* c.read_text(`${dir}/cgroup.procs`);
  const labels: string[] = [];
  for (const pid of typeof procs === 'string' ? procs.split('\n').filter(Boolean) : []) {
    const l = yield* process_label(c, pid, kernel);
    if (l) labels.push(l);
  }
  const ents = yield* c.readdir(dir);
  const kids = typeof ents === 'number' ? [] : ents.filter((e) => e.type === DT_DIR && e.name !== '.' && e.name !== '..').map((e) => e.name).sort();
  const items: [string, string | null][] = [...labels.map((l): [string, null] => [l, null]), ...kids.map((k): [string, string] => [k, `${dir}/${k}`])];
  for (let i = 0; i < items.length; i++) {
    const last = i === items.length - 1;
    const [label, sub] = items[i];
    out.push(`${prefix}${last ? '└─' : '├─'}${label}`);
    if (sub) yield* show(c, sub, prefix + (last ? '  ' : '│ '), kernel, out);
  }
}

export function* cgls_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'hk', long: { help: 'h' } });
  if (p.error) { yield* c.write(2, `systemd-cgls: ${p.error}\n`); return 1; }
  if (has(p, 'h')) { yield* c.write(1, 'systemd-cgls [OPTIONS...] [CGROUP...]\n\nRecursively show control group contents.\n\n  -h --help  Show this help\n  -k         Include kernel threads in output\n'); return 0; }
  const kernel = has(p, 'k');
  const groups = p.args.length ? p.args : ['/'];
  let rc = 0;
  for (const g of groups) {
    const rel = g.replace(/^\/sys\/fs\/cgroup/, '') || '/';
    const dir = ROOT + (rel === '/' ? '' : rel.startsWith('/') ? rel : `/${rel}`);
    const st = yield* c.stat(dir);
    if (typeof st === 'number') { yield* c.write(2, `Failed to list cgroup tree: ${strerror(-st)}\n`); rc = 1; continue; }
    const out = [`Control group ${rel.startsWith('/') ? rel : `/${rel}`}:`];
    yield* show(c, dir, '', kernel, out);
    yield* c.write(1, out.join('\n') + '\n');
  }
  return rc;
}
