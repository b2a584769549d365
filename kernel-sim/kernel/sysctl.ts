// Models linux/kernel/sysctl.c (kern_table, vm_table, fs tables), kernel/utsname_sysctl.c and drivers/char/random.c's sysctls: the knobs under /proc/sys.
import { EINVAL, EPERM } from '../include/uapi/asm-generic/errno.ts';
import { current, runqueue } from './sched/core.ts';
import { defineState } from './state.ts';
import { printkState } from './printk/printk.ts';
import { panicState } from './panic.ts';
import { get_random_bytes } from '../lib/machine_random.ts';
import { si_meminfo } from '../mm/meminfo.ts';
import { memMap, min_free_kbytes_sysctl_handler } from '../mm/page_alloc.ts';
import { pidLimits } from './pid.ts';
import { register_sysctl } from '../fs/proc/proc_sysctl.ts';

/** A sysctl: its file name and mode, where its value lives, and the handler that prints and parses it (struct ctl_table). */
export interface ctl_table {
  procname: string;
  mode: number;
  /** Read (write false): returns the text. Write: parses `text`, returns 0 or -errno. */
  proc_handler: (table: ctl_table, write: boolean, text: string) => string | number;
  data?: { get: () => number | number[] | string; set?: (v: number[] | string) => void };
  maxlen?: number;
  /** Bounds for the _minmax handlers. */
  extra1?: number;
  extra2?: number;
  child?: ctl_table[];
}

/** Integers separated by tabs (proc_dointvec); writes take whitespace-separated integers. */
export function proc_dointvec(table: ctl_table, write: boolean, text: string): string | number {
  if (!write) {
    const v = table.data!.get();
    return `${(Array.isArray(v) ? v : [v]).join('\t')}\n`;
  }
  if (!table.data?.set) return -EPERM;
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length || words.some((w) => !/^[-+]?\d+$/.test(w))) return -EINVAL;
  const nums = words.map(Number);
  if (table.extra1 !== undefined && nums.some((n) => n < table.extra1!)) return -EINVAL;
  if (table.extra2 !== undefined && nums.some((n) => n > table.extra2!)) return -EINVAL;
  table.data.set(nums);
  return 0;
}

export const proc_dointvec_minmax = proc_dointvec;
export const proc_doulongvec_minmax = proc_dointvec;

/** A string; a write replaces it up to maxlen, without the trailing newline (proc_dostring). */
export function proc_dostring(table: ctl_table, write: boolean, text: string): string | number {
  if (!write) return `${table.data!.get()}\n`;
  if (!table.data?.set) return -EPERM;
  let s = text;
  const nl = s.indexOf('\n');
  if (nl >= 0) s = s.slice(0, nl);
  table.data.set(s.slice(0, (table.maxlen ?? 65) - 1));
  return 0;
}

const ro = (get: () => number | number[] | string) => ({ get });
const rw = <T extends number | number[] | string>(get: () => T, set: (v: number[] | string) => void) => ({ get, set });

const sysctlState = defineState('sysctl', () => ({
  boot_id: '', sysrq: 438, vm: new Map<string, number>(), hung_task_timeout: 120,
  panic_on_oops: 0, kptr_restrict: 0, dmesg_restrict: 0, core_pattern: 'core',
}));

/** A random v4 UUID string (generate_random_uuid). */
function uuid(): string {
  const b = get_random_bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Open files system-wide, for fs/file-nr. */
function nr_files(): number {
  const files = new Set<unknown>();
  for (const t of runqueue().tasks.values()) for (const f of t.files.fd) if (f && f.f_count > 0) files.add(f);
  return files.size;
}

const uts = () => current().nsproxy.uts_ns.name;

function kern_table(): ctl_table[] {
  const s = sysctlState();
  const int = (procname: string, mode: number, data: ctl_table['data'], extra1?: number, extra2?: number): ctl_table => ({ procname, mode, proc_handler: proc_dointvec, data, extra1, extra2 });
  const str = (procname: string, mode: number, data: ctl_table['data']): ctl_table => ({ procname, mode, proc_handler: proc_dostring, data, maxlen: 65 });
  return [
    str('ostype', 0o444, ro(() => uts().sysname)),
    str('osrelease', 0o444, ro(() => uts().release)),
    str('version', 0o444, ro(() => uts().version)),
    str('hostname', 0o644, rw(() => uts().nodename, (v) => { uts().nodename = String(v); })),
    str('domainname', 0o644, rw(() => uts().domainname, (v) => { uts().domainname = String(v); })),
    int('pid_max', 0o644, rw(() => pidLimits().pid_max, (v) => { pidLimits().pid_max = (v as number[])[0]!; }), 301, 4194304),
    int('threads-max', 0o644, rw(() => pidLimits().max_threads, (v) => { pidLimits().max_threads = (v as number[])[0]!; }), 20, 0x3fffffff),
    int('tainted', 0o644, rw(() => panicState().tainted_mask, (v) => { panicState().tainted_mask |= (v as number[])[0]; })),
    int('printk', 0o644, rw(() => { const p = printkState(); return [p.console_loglevel, p.default_message_loglevel, p.minimum_console_loglevel, p.default_console_loglevel]; },
      (v) => { const p = printkState(); const n = v as number[]; [p.console_loglevel, p.default_message_loglevel, p.minimum_console_loglevel, p.default_console_loglevel] = [n[0] ?? p.console_loglevel, n[1] ?? p.default_message_loglevel, n[2] ?? p.minimum_console_loglevel, n[3] ?? p.default_console_loglevel]; })),
    int('panic', 0o644, rw(() => panicState().panic_timeout, (v) => { panicState().panic_timeout = (v as number[])[0]; })),
    int('panic_on_oops', 0o644, rw(() => s.panic_on_oops, (v) => { s.panic_on_oops = (v as number[])[0]; }), 0, 1),
    int('sysrq', 0o644, rw(() => s.sysrq, (v) => { s.sysrq = (v as number[])[0]; })),
    int('hung_task_timeout_secs', 0o644, rw(() => s.hung_task_timeout, (v) => { s.hung_task_timeout = (v as number[])[0]; }), 0),
    int('kptr_restrict', 0o644, rw(() => s.kptr_restrict, (v) => { s.kptr_restrict = (v as number[])[0]; }), 0, 2),
    int('dmesg_restrict', 0o644, rw(() => s.dmesg_restrict, (v) => { s.dmesg_restrict = (v as number[])[0]; }), 0, 1),
    str('core_pattern', 0o644, rw(() => s.core_pattern, (v) => { s.core_pattern = String(v); })),
    int('ngroups_max', 0o444, ro(() => 65536)),
    int('cap_last_cap', 0o444, ro(() => 40)),
    {
      procname: 'random', mode: 0o555, proc_handler: () => -EINVAL, child: [
        str('boot_id', 0o444, ro(() => { if (!s.boot_id) s.boot_id = uuid(); return s.boot_id; })),
        str('uuid', 0o444, ro(() => uuid())),
        int('entropy_avail', 0o444, ro(() => 256)),
        int('poolsize', 0o444, ro(() => 256)),
      ],
    },
  ];
}

function vm_table(): ctl_table[] {
  const s = sysctlState();
  const defaults: [string, number, number?][] = [
    ['dirty_background_ratio', 10], ['dirty_ratio', 20], ['max_map_count', 65530],
    ['overcommit_memory', 0], ['overcommit_ratio', 50],
    ['page-cluster', 3], ['panic_on_oom', 0], ['swappiness', 60], ['vfs_cache_pressure', 100],
  ];
  return [...defaults.map(([name, v]): ctl_table => {
    if (!s.vm.has(name)) s.vm.set(name, v);
    return {
      procname: name, mode: 0o644, proc_handler: proc_dointvec,
      data: rw(() => s.vm.get(name)!, (x) => { s.vm.set(name, (x as number[])[0]); }), extra1: 0,
    };
  }), {
    // mm/page_alloc.c's min_free_kbytes: a write recomputes the zones' watermarks (min_free_kbytes_sysctl_handler).
    procname: 'min_free_kbytes', mode: 0o644, proc_handler: proc_dointvec, extra1: 0,
    data: rw(() => memMap().min_free_kbytes, (x) => { min_free_kbytes_sysctl_handler((x as number[])[0], runqueue().nr_cpus); }),
  }];
}

function fs_table(): ctl_table[] {
  const max_files = Math.max(8192, Math.floor(si_meminfo().totalram / 1024 / 10));
  return [
    { procname: 'file-max', mode: 0o644, proc_handler: proc_doulongvec_minmax, data: ro(() => max_files) },
    { procname: 'file-nr', mode: 0o444, proc_handler: proc_doulongvec_minmax, data: ro(() => [nr_files(), 0, max_files]) },
    { procname: 'nr_open', mode: 0o644, proc_handler: proc_dointvec, data: ro(() => 1048576) },
  ];
}

/** sysctl_init_bases: the kernel/, vm/ and fs/ tables. */
export function sysctl_init_bases(): void {
  register_sysctl('kernel', kern_table());
  register_sysctl('vm', vm_table());
  register_sysctl('fs', fs_table());
}

export function sysctl_sysrq_enabled(): number { return sysctlState().sysrq; }
/** kptr_restrict (lib/vsprintf.c): whether %pK and /proc/kallsyms show addresses, and to whom. */
export function sysctl_kptr_restrict(): number { return sysctlState().kptr_restrict; }
