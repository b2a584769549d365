// Models linux/lib/kobject.c and include/linux/kref.h: kobjects, ksets and ktypes with reference counts, release callbacks and sysfs directories.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import { current } from '../kernel/sched/core.ts';
import { EINVAL, ENOENT, EEXIST, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';
import { pr_err, pr_warn } from '../kernel/printk/printk.ts';
import { sysfs_create_dir_ns, sysfs_remove_dir, sysfs_rename_dir_ns, sysfs_move_dir_ns } from '../fs/sysfs/dir.ts';
import { sysfs_create_groups, sysfs_remove_groups } from '../fs/sysfs/group.ts';
import type { attribute, attribute_group, sysfs_ops } from '../fs/sysfs/sysfs.ts';
import type { kernfs_node } from '../fs/sysfs/kernfs.ts';
import { __warn, refcount_warn_saturate } from './kobject_warn.ts';
import { kobject_uevent, kobject_uevent_env, kobject_get_path, KOBJ_ADD, KOBJ_REMOVE, KOBJ_MOVE, type kobj_uevent_env } from './kobject_uevent.ts';
// kobject_get_path (lib/kobject.c) is defined beside the uevent code that builds DEVPATH from it, so the two files do not import each other.
export { kobject_get_path };

/** include/linux/kref.h: a refcount_t with saturation checks. */
export interface kref { refcount: number }

export function kref_init(k: kref): void { k.refcount = 1; }

export function kref_get(k: kref, who: string[] = []): void {
  if (k.refcount === 0) { refcount_warn_saturate('addition_on_0', who); return; }
  k.refcount++;
}

/** Drops a reference; runs release on the last one. A put at zero is the underflow WARN, never a second release. */
export function kref_put(k: kref, release: () => void, who: string[] = []): boolean {
  if (k.refcount <= 0) { refcount_warn_saturate('underflow', who); return false; }
  if (--k.refcount === 0) { release(); return true; }
  return false;
}

export interface kobj_type {
  release?: (kobj: kobject) => void;
  sysfs_ops?: sysfs_ops;
  default_groups?: attribute_group[];
}

export interface kset_uevent_ops {
  filter?(kobj: kobject): boolean;
  name?(kobj: kobject): string | null;
  uevent?(kobj: kobject, env: kobj_uevent_env): number;
}

export interface kset {
  kobj: kobject;
  list: kobject[];
  uevent_ops: kset_uevent_ops | null;
}

export interface kobject {
  name: string;
  parent: kobject | null;
  kset: kset | null;
  ktype: kobj_type | null;
  sd: kernfs_node | null;
  kref: kref;
  state_initialized: boolean;
  state_in_sysfs: boolean;
  state_add_uevent_sent: boolean;
  state_remove_uevent_sent: boolean;
  uevent_suppress: boolean;
  /** The hashed pointer %p prints for this object. */
  ptr: string;
  /** The driver whose probe created it, for leak reports. */
  owner: string | null;
  /** Set once the release ran (use-after-free checks). */
  released: boolean;
  /** The structure this kobject is embedded in (container_of). */
  container: unknown;
}

interface KobjState {
  next: number;
  /** Every initialized kobject not yet released. */
  live: Set<kobject>;
  /**
   * Per task, the driver it is probing or removing: kobjects that task makes meanwhile are charged to it. Per task,
   * because a probe that sleeps lets other tasks run, and what they create is not the driver's.
   */
  owner_stacks: WeakMap<task_struct, string[]>;
  /** Before the first task exists (early boot). */
  boot_stack: string[];
}
const kobjState = defineState<KobjState>('kobject', () => ({ next: 1, live: new Set(), owner_stacks: new WeakMap(), boot_stack: [] }));

function owner_stack(): string[] {
  const st = kobjState(), t = current() as task_struct | null | undefined;
  if (!t) return st.boot_stack;
  let s = st.owner_stacks.get(t);
  if (!s) { s = []; st.owner_stacks.set(t, s); }
  return s;
}

/** %p prints a hashed pointer: 16 hex digits, stable per object. */
function hashed_ptr(n: number): string {
  let x = (n * 0x9e3779b1) >>> 0;
  x ^= x >>> 15; x = Math.imul(x, 0x85ebca6b) >>> 0; x = (x ^ (x >>> 13)) >>> 0;
  return x.toString(16).padStart(16, '0');
}

export function kobject_name(kobj: kobject): string { return kobj.name; }

/** A fresh, uninitialized kobject (memory a driver embedded or kzalloc'ed). */
export function kobject_alloc(container: unknown = null): kobject {
  const st = kobjState();
  return {
    name: '', parent: null, kset: null, ktype: null, sd: null, kref: { refcount: 0 },
    state_initialized: false, state_in_sysfs: false, state_add_uevent_sent: false, state_remove_uevent_sent: false,
    uevent_suppress: false, ptr: hashed_ptr(st.next++), owner: null, released: false, container,
  };
}

export function kobject_init(kobj: kobject, ktype: kobj_type | null): void {
  if (!ktype) { pr_err(`kobject: '${kobj.name}' (${kobj.ptr}): must have a ktype to be initialized properly!`); }
  if (kobj.state_initialized) {
    pr_err(`kobject: '${kobj.name}' (${kobj.ptr}): tried to init an initialized object, something is seriously wrong.`);
    __warn('lib/kobject.c', 340, 'kobject_init', '', ['kobject_init']);
  }
  kref_init(kobj.kref);
  kobj.state_initialized = true;
  kobj.ktype = ktype;
  kobj.released = false;
  const st = kobjState();
  kobj.owner = owner_stack().at(-1) ?? null;
  st.live.add(kobj);
}

export function kobject_set_name(kobj: kobject, name: string): number {
  if (!name) return -EINVAL;
  kobj.name = name.replace(/\//g, '!');
  return 0;
}

export function kobject_get(kobj: kobject | null): kobject | null {
  if (!kobj) return null;
  if (!kobj.state_initialized) __warn('lib/kobject.c', 620, 'kobject_get', `kobject: '${kobj.name}' (${kobj.ptr}): is not initialized, yet kobject_get() is being called.`, ['kobject_get']);
  kref_get(kobj.kref, ['kobject_get']);
  return kobj;
}

export function kobject_get_unless_zero(kobj: kobject | null): kobject | null {
  if (!kobj || kobj.kref.refcount === 0) return null;
  kobj.kref.refcount++;
  return kobj;
}

function kobj_kset_join(kobj: kobject): void {
  if (!kobj.kset) return;
  kobject_get(kobj.kset.kobj);
  kobj.kset.list.push(kobj);
}

function kobj_kset_leave(kobj: kobject): void {
  if (!kobj.kset) return;
  const l = kobj.kset.list;
  const i = l.indexOf(kobj);
  if (i >= 0) l.splice(i, 1);
  kobject_put(kobj.kset.kobj);
}

function kobject_add_internal(kobj: kobject): number {
  if (!kobj.name) {
    pr_err(`kobject: (${kobj.ptr}): attempted to be registered with empty name!`);
    __warn('lib/kobject.c', 226, 'kobject_add_internal', '', ['kobject_add_internal']);
    return -EINVAL;
  }
  let parent = kobject_get(kobj.parent);
  if (kobj.kset) {
    if (!parent) parent = kobject_get(kobj.kset.kobj);
    kobj_kset_join(kobj);
    kobj.parent = parent;
  }
  const r = sysfs_create_dir_ns(kobj);
  if (r === 0) {
    const g = sysfs_create_groups(kobj, kobj.ktype?.default_groups);
    if (g) { sysfs_remove_dir(kobj); return add_failed(kobj, parent, g); }
  }
  if (r) return add_failed(kobj, parent, r);
  kobj.state_in_sysfs = true;
  return 0;
}

function add_failed(kobj: kobject, parent: kobject | null, r: number): number {
  kobj_kset_leave(kobj);
  kobject_put(parent);
  kobj.parent = null;
  if (r === -EEXIST) pr_err(`kobject_add_internal failed for ${kobj.name} with -EEXIST, don't try to register things with the same name in the same directory.`);
  else pr_err(`kobject_add_internal failed for ${kobj.name} (error: ${r} parent: ${parent?.name ?? '<NULL>'})`);
  return r;
}

/** Names the kobject and adds it under parent (or its kset) in sysfs. */
export function kobject_add(kobj: kobject, parent: kobject | null, name: string): number {
  if (!kobj.state_initialized) {
    pr_err(`kobject: '${name}' (${kobj.ptr}): tried to add an uninitialized object, something is seriously wrong.`);
    __warn('lib/kobject.c', 410, 'kobject_add', '', ['kobject_add']);
    return -EINVAL;
  }
  const r = kobject_set_name(kobj, name);
  if (r) return r;
  kobj.parent = parent;
  return kobject_add_internal(kobj);
}

export function kobject_init_and_add(kobj: kobject, ktype: kobj_type, parent: kobject | null, name: string): number {
  kobject_init(kobj, ktype);
  return kobject_add(kobj, parent, name);
}

/** Unlinks from sysfs and the kset; the reference the caller holds stays (kobject_del). */
export function kobject_del(kobj: kobject | null): void {
  if (!kobj) return;
  const parent = kobj.parent;
  __kobject_del(kobj);
  kobject_put(parent);
}

function __kobject_del(kobj: kobject): void {
  if (kobj.sd) sysfs_remove_groups(kobj, kobj.ktype?.default_groups);
  // Send "remove" if the caller did not do it but sent "add".
  if (kobj.state_add_uevent_sent && !kobj.state_remove_uevent_sent) kobject_uevent(kobj, KOBJ_REMOVE);
  sysfs_remove_dir(kobj);
  kobj.state_in_sysfs = false;
  kobj_kset_leave(kobj);
  kobj.parent = null; // the parent reference is dropped by the caller
}

function kobject_cleanup(kobj: kobject): void {
  const t = kobj.ktype;
  let parent = kobj.parent;
  if (t && !t.release) {
    // Linux says this at pr_debug level; the workbench shows it, since it is always a bug.
    pr_err(`kobject: '${kobj.name}' (${kobj.ptr}): does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.`);
  }
  if (kobj.state_in_sysfs) {
    __kobject_del(kobj);
  } else {
    parent = null;
  }
  kobj.released = true;
  kobjState().live.delete(kobj);
  if (t?.release) t.release(kobj);
  kobject_put(parent);
}

/** Drops a reference; the last one cleans up and calls the ktype's release. */
export function kobject_put(kobj: kobject | null): void {
  if (!kobj) return;
  if (!kobj.state_initialized) {
    __warn('lib/kobject.c', 734, 'kobject_put', `kobject: '${kobj.name}' (${kobj.ptr}): is not initialized, yet kobject_put() is being called.`, ['kobject_put']);
  }
  kref_put(kobj.kref, () => kobject_cleanup(kobj), ['kobject_put', kobj.name ? `${kobj.name.replace(/[^\w]/g, '_')}_release` : 'kobject_release']);
}

export function kobject_rename(kobj: kobject, new_name: string): number {
  if (!kobj.parent) return -EINVAL;
  const old_path = kobject_get_path(kobj);
  const r = sysfs_rename_dir_ns(kobj, new_name);
  if (r) return r;
  kobj.name = new_name;
  kobject_uevent_env(kobj, KOBJ_MOVE, [`DEVPATH_OLD=${old_path}`]);
  return 0;
}

export function kobject_move(kobj: kobject, new_parent: kobject | null): number {
  const old_path = kobject_get_path(kobj);
  const np = new_parent ?? kobj.kset?.kobj ?? null;
  const r = sysfs_move_dir_ns(kobj, np);
  if (r) return r;
  kobject_get(np);
  const old = kobj.parent;
  kobj.parent = np;
  kobject_put(old);
  kobject_uevent_env(kobj, KOBJ_MOVE, [`DEVPATH_OLD=${old_path}`]);
  return 0;
}

// ---- dynamic kobjects and kobj_attribute ----------------------------------

export interface kobj_attribute extends attribute {
  show?(kobj: kobject, attr: kobj_attribute): string | number;
  store?(kobj: kobject, attr: kobj_attribute, buf: string): number | KGen<number>;
}

export const kobj_sysfs_ops: sysfs_ops = {
  show: (kobj, attr) => { const a = attr as kobj_attribute; return a.show ? a.show(kobj, a) : -5; },
  store: (kobj, attr, buf) => { const a = attr as kobj_attribute; return a.store ? a.store(kobj, a, buf) : -5; },
};

const dynamic_kobj_ktype: kobj_type = { release: () => { /* kfree */ }, sysfs_ops: kobj_sysfs_ops };

export function kobject_create(): kobject {
  const k = kobject_alloc();
  kobject_init(k, dynamic_kobj_ktype);
  return k;
}

/** A kobject of its own with a kfree release (kobject_create_and_add). */
export function kobject_create_and_add(name: string, parent: kobject | null): kobject | null {
  const k = kobject_create();
  const r = kobject_add(k, parent, name);
  if (r) { pr_warn(`kobject_create_and_add: kobject_add error: ${r}`); kobject_put(k); return null; }
  return k;
}

// ---- ksets -----------------------------------------------------------------

const kset_ktype: kobj_type = { release: () => { /* kfree(kset) */ }, sysfs_ops: kobj_sysfs_ops };

export function kset_alloc(): kset {
  const k: kset = { kobj: kobject_alloc(), list: [], uevent_ops: null };
  k.kobj.container = k;
  return k;
}

export function kset_init(k: kset): void {
  kobject_init(k.kobj, k.kobj.ktype ?? kset_ktype);
  k.list = [];
}

export function kset_register(k: kset): number {
  if (!k) return -EINVAL;
  kset_init(k);
  const r = kobject_add_internal(k.kobj);
  if (r) return r;
  kobject_uevent(k.kobj, KOBJ_ADD);
  return 0;
}

export function kset_unregister(k: kset | null): void {
  if (!k) return;
  kobject_del(k.kobj);
  kobject_put(k.kobj);
}

export function kset_create_and_add(name: string, uevent_ops: kset_uevent_ops | null, parent: kobject | null): kset | null {
  const k = kset_alloc();
  kobject_set_name(k.kobj, name);
  k.uevent_ops = uevent_ops;
  k.kobj.parent = parent;
  k.kobj.ktype = kset_ktype;
  k.kobj.kset = null;
  const r = kset_register(k);
  if (r) return null;
  return k;
}

export function kset_find_obj(k: kset, name: string): kobject | null {
  const o = k.list.find((x) => x.name === name);
  return o ? kobject_get(o) : null;
}

export function to_kset(kobj: kobject): kset { return kobj.container as kset; }

// ---- leak accounting --------------------------------------------------------

/** Charges kobjects created while fn runs to `owner` (a driver's probe). */
export function kobject_owner_push(owner: string): void { owner_stack().push(owner); }
export function kobject_owner_pop(): void { owner_stack().pop(); }

/** Kobjects charged to `owner` that are still alive. */
export function kobject_live_owned_by(owner: string): kobject[] {
  return [...kobjState().live].filter((k) => k.owner === owner);
}

export function kobject_live_count(): number { return kobjState().live.size; }

/** Reports kobjects a driver left behind when it let go of a device: still referenced, never released. */
export function kobject_report_leaks(owner: string, context: string): kobject[] {
  const leaked = kobject_live_owned_by(owner);
  for (const k of leaked) {
    pr_err(`kobject: '${k.name}' (${k.ptr}): leaked by ${context}: refcount ${k.kref.refcount}${k.state_in_sysfs ? `, still in sysfs at ${kobject_get_path(k)}` : ''}`);
  }
  return leaked;
}

export { ENOENT, ENOMEM };
