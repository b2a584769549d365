// Models the core of linux/kernel/cgroup/cgroup.c: the default hierarchy, which cgroup a task is in, css lookup, file population, migration and its rules.
import { PF_KTHREAD, type task_struct } from '../../include/linux/sched.ts';
import { EACCES, EBUSY, EINVAL, ENOENT, EOPNOTSUPP } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../state.ts';
import { SYSCALL_WORK_CGROUP, set_syscall_work } from '../entry/syscall_work.ts';
import { runqueue } from '../sched/core.ts';
import {
  kernfs_create_dir, kernfs_create_file, kernfs_create_root, kernfs_remove, kernfs_find,
  type kernfs_node, type kernfs_ops, type kernfs_root,
} from '../../fs/sysfs/kernfs.ts';
import {
  CFTYPE_NOT_ON_ROOT, CFTYPE_ONLY_ON_ROOT, ssid, type cftype, type cgroup, type cgroup_subsys, type psi_group,
} from './cgroup-defs.ts';

interface CgroupState {
  kroot: kernfs_root | null;
  root: cgroup | null;
  /** The controllers, in ssid order (set by cgroup_init from the link-time table). */
  subsys: readonly cgroup_subsys[];
  /** The core interface files (cgroup_base_files and the PSI files). */
  base_files: readonly cftype[];
  /** Every task's cgroup on the default hierarchy (task->cgroups->dfl_cgrp). */
  task_cgrp: Map<task_struct, cgroup>;
  /** CPU time a task had when it entered its cgroup (what it used before counts elsewhere). */
  cpu_base: Map<task_struct, number>;
  /** Exited tasks not reaped yet: they still hold their pids charge. */
  zombies: Map<task_struct, cgroup>;
  /** The cgroups of this hierarchy on the cgroup count of /proc/cgroups (root->nr_cgrps), dying ones included. */
  nr_cgrps: number;
}

export const cgroupState = defineState<CgroupState>('cgroup', () => ({
  kroot: null, root: null, subsys: [], base_files: [], task_cgrp: new Map(), cpu_base: new Map(), zombies: new Map(), nr_cgrps: 0,
}));

/** The controllers that may run inside a threaded subtree (cgrp_dfl_threaded_ss_mask). */
export const cgrp_dfl_threaded_ss_mask = (1 << ssid.cpuset) | (1 << ssid.cpu) | (1 << ssid.perf_event) | (1 << ssid.pids);

const psi_line = (): psi_group['cpu']['some'] => ({ total: 0, avg: [0, 0, 0], avg_total: 0, avg_last: 0 });
export const psi_group_alloc = (): psi_group => ({
  cpu: { some: psi_line(), full: psi_line() }, memory: { some: psi_line(), full: psi_line() }, io: { some: psi_line(), full: psi_line() },
});

/** A fresh cgroup's controller state, every knob at its default (css_alloc of each controller). */
export function cgroup_alloc(parent: cgroup | null, name: string, kn: kernfs_node): cgroup {
  const ev = { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 };
  return {
    id: kn.ino, name, parent, children: new Map(), level: parent ? parent.level + 1 : 0, kn,
    subtree_control: 0, tasks: new Set(), max_depth: Infinity, max_descendants: Infinity,
    nr_descendants: 0, nr_dying_descendants: 0, dying: false, dying_children: [], freeze: false, type: 'domain',
    pids: { max: Infinity, events_max: 0, peak: 0, warned: false },
    memory: {
      local: 0, min: 0, low: 0, high: Infinity, max: Infinity, swap_max: Infinity, swap_high: Infinity, zswap_max: Infinity,
      peak: 0, oom_group: false, failcnt: 0, events: { ...ev }, events_local: { ...ev },
      stat: { anon: 0, file: 0, kernel_stack: 0, pgfault: 0, pgscan: 0, pgsteal: 0, file_dirty: 0 },
    },
    cpu: {
      weight: 100, idle: false, quota: -1, period: 100_000_000, burst: 0, runtime: 0, period_start: 0,
      nr_periods: 0, nr_throttled: 0, throttled_time: 0, vruntime: 0,
    },
    io: { weight: 100, dev_weight: new Map(), max: new Map(), stat: new Map(), next_dispatch: new Map() },
    cpuset: { cpus: '', mems: '', partition: 'member' },
    psi: psi_group_alloc(),
    cpu_usage_dead: { user: 0, system: 0 },
  };
}

export function cgrp_dfl_root(): cgroup {
  return cgroupState().root!;
}

/** The cgroup a task is in (task_dfl_cgroup); tasks from before cgroup_init are in the root. */
export function task_dfl_cgroup(t: task_struct): cgroup {
  const st = cgroupState();
  return st.task_cgrp.get(t.group_leader) ?? st.task_cgrp.get(t) ?? st.zombies.get(t) ?? st.root!;
}

/** The cgroup's path from the hierarchy's root ("/" for the root). */
export function cgroup_path(cg: cgroup): string {
  const parts: string[] = [];
  for (let c: cgroup | null = cg; c?.parent; c = c.parent) parts.push(c.name);
  return '/' + parts.reverse().join('/');
}

/** Path of `cg` seen from `root` (cgroup_path_ns / kernfs_path_from_node): "/../x" when cg is outside root. */
export function cgroup_path_from(cg: cgroup, root: cgroup): string {
  const anc = new Set<cgroup>();
  for (let c: cgroup | null = root; c; c = c.parent) anc.add(c);
  let common: cgroup = cg;
  const down: string[] = [];
  while (!anc.has(common)) { down.unshift(common.name); common = common.parent!; }
  const ups: string[] = [];
  for (let c: cgroup = root; c !== common; c = c.parent!) ups.push('..');
  return '/' + [...ups, ...down].join('/');
}

export function cgroup_is_descendant(cg: cgroup, ancestor: cgroup): boolean {
  for (let c: cgroup | null = cg; c; c = c.parent) if (c === ancestor) return true;
  return false;
}

/** cg and every live descendant, parents first. */
export function cgroup_subtree(cg: cgroup): cgroup[] {
  const out = [cg];
  for (let i = 0; i < out.length; i++) out.push(...out[i].children.values());
  return out;
}

/** The controllers this cgroup may enable for its children: cgroup.controllers (cgroup_control). */
export function cgroup_control(cg: cgroup): number {
  if (cg.parent) return cg.parent.subtree_control;
  let mask = 0;
  for (const ss of cgroupState().subsys) if (ss.dfl && !ss.implicit_on_dfl) mask |= 1 << ss.id;
  return mask;
}

/** Whether the controller has a css in this cgroup (cgroup_css): always at the root, else enabled by the parent. */
export function css_enabled(cg: cgroup, id: ssid): boolean {
  return !cg.parent || (cg.parent.subtree_control & (1 << id)) !== 0;
}

/** The css a task's cgroup uses for a controller: the nearest cgroup with it enabled (task_css / cgroup_e_css). */
export function cgroup_e_css(cg: cgroup, id: ssid): cgroup {
  let c = cg;
  while (!css_enabled(c, id)) c = c.parent!;
  return c;
}

/** cg and its ancestors that have a css of the controller, nearest first (the page_counter / pids chain). */
export function css_chain(cg: cgroup, id: ssid): cgroup[] {
  const out: cgroup[] = [];
  for (let c: cgroup | null = cgroup_e_css(cg, id); c; c = c.parent) if (css_enabled(c, id)) out.push(c);
  return out;
}

/** Tasks attached here that have not exited (what cgroup.procs and cgroup.threads list). */
export function cgroup_tasks(cg: cgroup): task_struct[] {
  return [...cg.tasks].filter((t) => !t.exit_state).sort((a, b) => a.pid - b.pid);
}

/** cgroup.events "populated": a live task here or below (nr_populated_csets + populated children). */
export function cgroup_is_populated(cg: cgroup): boolean {
  return cgroup_subtree(cg).some((c) => cgroup_tasks(c).length > 0);
}

/** Live and unreaped tasks charged to the subtree (pids.current: released at reap, as pids_release). */
export function cgroup_task_count(cg: cgroup): number {
  const st = cgroupState();
  const rq = runqueue();
  for (const [t] of st.zombies) if (rq.tasks.get(t.pid) !== t) st.zombies.delete(t);
  const sub = new Set(cgroup_subtree(cg));
  let n = 0;
  for (const c of sub) n += c.tasks.size;
  for (const c of st.zombies.values()) if (sub.has(c)) n++;
  return n;
}

/** The CPU time a task has used up to now (its own sum_exec_runtime, the running part included). */
export function task_cputime(t: task_struct): number {
  return t.utime + t.stime;
}

// ---- interface files --------------------------------------------------------

const enc = new TextEncoder();
const dec = new TextDecoder();

function cft_mode(cft: cftype): number {
  if (cft.mode !== undefined) return cft.mode;
  return cft.seq_show ? (cft.write ? 0o644 : 0o444) : 0o200;
}

/** The kernfs ops of one file: show/store call the cftype with the cgroup of the directory. */
function cft_ops(cft: cftype): kernfs_ops {
  return {
    show: cft.seq_show ? (kn) => cft.seq_show!(kn.parent!.priv as cgroup) : undefined,
    store: cft.write ? function* (kn, data) {
      const cg = kn.parent!.priv as cgroup;
      if (cg.dying) return -ENOENT;
      const r = cft.write!(cg, dec.decode(data), current_writer());
      const e = typeof r === 'number' ? r : yield* r;
      return e < 0 ? e : data.length;
    } : undefined,
  };
}

// The writer is the task in the system call (the file's opener in Linux: of->file->f_cred).
function current_writer(): task_struct {
  const rq = runqueue();
  return rq.curr ?? rq.idle!;
}

function cft_visible(cg: cgroup, cft: cftype): boolean {
  if (cft.flags && cft.flags & CFTYPE_ONLY_ON_ROOT && cg.parent) return false;
  if (cft.flags && cft.flags & CFTYPE_NOT_ON_ROOT && !cg.parent) return false;
  return true;
}

/** cgroup_addrm_files: adds (or removes) a list of files in the cgroup's directory. */
export function cgroup_addrm_files(cg: cgroup, cfts: readonly cftype[], add: boolean): void {
  for (const cft of cfts) {
    if (!cft_visible(cg, cft)) continue;
    if (add) {
      const kn = kernfs_create_file(cg.kn, cft.name, cft_mode(cft), cft_ops(cft), cft);
      if (typeof kn !== 'number') inherit_owner(cg, kn);
    } else kernfs_remove(kernfs_find(cg.kn, cft.name));
  }
}

// Files take the directory's owner, so a delegated cgroup's new files belong to the delegatee (cgroup_kn_set_ugid).
function inherit_owner(cg: cgroup, kn: kernfs_node): void {
  kn.uid = cg.kn.uid;
  kn.gid = cg.kn.gid;
}

/** css_populate_dir for every controller enabled here, and the base files (cgroup_populate_dir). */
export function cgroup_populate_dir(cg: cgroup): void {
  const st = cgroupState();
  cgroup_addrm_files(cg, st.base_files, true);
  for (const ss of st.subsys) if (ss.dfl && css_enabled(cg, ss.id)) cgroup_addrm_files(cg, ss.dfl_cftypes, true);
}

/** Creates a cgroup under parent (cgroup_create + its directory); the caller checked the limits. */
export function cgroup_create(parent: cgroup, name: string, mode: number): cgroup | number {
  const kn = kernfs_create_dir(parent.kn, name, mode, null);
  if (typeof kn === 'number') return kn;
  const cg = cgroup_alloc(parent, name, kn);
  kn.priv = cg;
  parent.children.set(name, cg);
  cgroupState().nr_cgrps++;
  set_syscall_work(SYSCALL_WORK_CGROUP, true);
  for (let c: cgroup | null = parent; c; c = c.parent) c.nr_descendants++;
  // A child of a threaded cgroup (or of a thread root holding threads) is threaded itself.
  if (parent.type === 'threaded') cg.type = 'threaded';
  cg.io.weight = 100;
  cgroup_populate_dir(cg);
  return cg;
}

export function cgroup_kernfs_root(): kernfs_root {
  const st = cgroupState();
  st.kroot ??= kernfs_create_root();
  return st.kroot;
}

// ---- migration ----------------------------------------------------------------

/** cgroup_is_threaded / cgroup_is_mixable / cgroup_can_be_thread_root of cgroup.c. */
export const cgroup_is_threaded = (cg: cgroup): boolean => cg.type === 'threaded';
const cgroup_is_mixable = (cg: cgroup): boolean => !cg.parent;
export function cgroup_can_be_thread_root(cg: cgroup): boolean {
  if (cgroup_is_mixable(cg)) return true;
  if (cgroup_is_threaded(cg)) return false;
  if ([...cg.children.values()].some((c) => !cgroup_is_threaded(c) && cgroup_is_populated(c))) return false;
  if (cg.subtree_control & ~cgrp_dfl_threaded_ss_mask) return false;
  return true;
}

/** The domain a cgroup's resources belong to (dom_cgrp): a threaded cgroup's thread root. */
export function cgroup_dom(cg: cgroup): cgroup {
  let c = cg;
  while (cgroup_is_threaded(c) && c.parent) c = c.parent;
  return c;
}

/** cgroup_migrate_vet_dst: can the destination host processes? (no internal processes, valid domain). */
export function cgroup_migrate_vet_dst(dst: cgroup): number {
  if (dst.type === 'domain invalid') return -EOPNOTSUPP;
  if (cgroup_is_mixable(dst)) return 0;
  if (cgroup_can_be_thread_root(dst) || cgroup_is_threaded(dst)) return 0;
  if (dst.subtree_control) return -EBUSY;
  return 0;
}

function common_ancestor(a: cgroup, b: cgroup): cgroup {
  let c: cgroup = a;
  while (!cgroup_is_descendant(b, c)) c = c.parent!;
  return c;
}

/** May the writer write this cgroup's cgroup.procs? (inode_permission on the kernfs file, MAY_WRITE) */
function may_write_procs(cg: cgroup, w: task_struct): boolean {
  const kn = kernfs_find(cg.kn, 'cgroup.procs');
  if (!kn) return false;
  const c = w.cred;
  if (c.fsuid === 0 || c.euid === 0) return true;
  // chown/chmod act on the inode once it exists (delegation: `chown user cgroup.procs`).
  const uid = kn.inode?.i_uid ?? kn.uid, gid = kn.inode?.i_gid ?? kn.gid, mode = kn.inode?.i_mode ?? kn.mode;
  const bits = uid === c.fsuid ? (mode >> 6) & 7 : c.groups.includes(gid) || gid === c.fsgid ? (mode >> 3) & 7 : mode & 7;
  return (bits & 2) !== 0;
}

/**
 * cgroup_procs_write_permission + cgroup_attach_permissions: the writer needs write access to cgroup.procs of the
 * common ancestor of source and destination, both must lie inside its cgroup namespace, and a thread may move
 * only within its threaded subtree.
 */
export function cgroup_attach_permissions(src: cgroup, dst: cgroup, w: task_struct, ns_root: cgroup, threadgroup: boolean): number {
  if (!may_write_procs(common_ancestor(src, dst), w)) return -EACCES;
  if (!cgroup_is_descendant(src, ns_root) || !cgroup_is_descendant(dst, ns_root)) return -ENOENT;
  if (!threadgroup && cgroup_dom(src) !== cgroup_dom(dst)) return -EOPNOTSUPP;
  return 0;
}

/** Moves one task (cgroup_migrate for a single thread): its CPU time so far stays with the old cgroup. */
export function cgroup_move_task(t: task_struct, dst: cgroup): void {
  const st = cgroupState();
  const src = st.task_cgrp.get(t);
  const now = task_cputime(t);
  if (src) {
    src.tasks.delete(t);
    src.cpu_usage_dead.system += now - (st.cpu_base.get(t) ?? 0);
  }
  st.task_cgrp.set(t, dst);
  st.cpu_base.set(t, now);
  dst.tasks.add(t);
}

/** Attaches a process (all its threads with threadgroup) to dst: cgroup_attach_task after the checks. */
export function cgroup_attach_task(dst: cgroup, leader: task_struct, threadgroup: boolean): number {
  if (leader.flags & PF_KTHREAD) return -EINVAL;
  const e = cgroup_migrate_vet_dst(dst);
  if (e) return e;
  for (const t of threadgroup ? leader.thread_group : [leader]) if (!t.exit_state) cgroup_move_task(t, dst);
  return 0;
}

/** Drops a task from its cgroup at exit (cgroup_exit): the cgroup may become unpopulated; the pids charge stays until reaped. */
export function cgroup_exit_task(t: task_struct): cgroup {
  const st = cgroupState();
  const cg = st.task_cgrp.get(t) ?? st.root!;
  cg.tasks.delete(t);
  cg.cpu_usage_dead.system += task_cputime(t) - (st.cpu_base.get(t) ?? 0);
  st.task_cgrp.delete(t);
  st.cpu_base.delete(t);
  st.zombies.set(t, cg);
  return cg;
}

/** CPU time of a cgroup's subtree in ns: dead and migrated-away time plus what its tasks used since they came. */
export function cgroup_cpu_usage(cg: cgroup): number {
  const st = cgroupState();
  let ns = 0;
  for (const c of [...cgroup_subtree(cg), ...cg.dying_children]) {
    ns += c.cpu_usage_dead.system + c.cpu_usage_dead.user;
    for (const t of c.tasks) ns += task_cputime(t) - (st.cpu_base.get(t) ?? 0);
  }
  return ns;
}

export { enc };
