// Models the exports of linux/lib/kobject.c for kobjects and ksets that modules embed in their own structs: kobject_init/add, kset_create_and_add/register/unregister, kobject_uevent.
//
// A C struct kobject gets a kernel-sim kobject bound to its address (its name lives in C); the C kobj_type becomes a
// kernel-sim ktype whose release, sysfs_ops and default_groups call the module's functions with the C pointers, as
// lib/kobject.c and fs/sysfs/file.c do. A C struct kset embeds its kobject after the list and its lock.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import { kread_u32, kread_u16, kread_cstr, kwrite_u32 } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import {
  kobject_alloc, kobject_init, kobject_add, kobject_get, kobject_set_name, kset_create_and_add, kset_register, kset_unregister, kset_find_obj,
  type kobject, type kobj_type, type kset, type kset_uevent_ops,
} from '../../lib/kobject.ts';
import { kobject_uevent, kobject_uevent_env, kobject_actions } from '../../lib/kobject_uevent.ts';
import type { attribute } from '../../fs/sysfs/sysfs.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { c_group, c_kobject, c_kobject_bind, c_kobject_unbind, kobj_at, run_show, run_store } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct kset on wasm32: list_head list; spinlock_t list_lock; struct kobject kobj; const struct kset_uevent_ops *uevent_ops. */
const KSET = (() => {
  const kobj = sizeOf('list_head') + sizeOf('spinlock');
  return { kobj, uevent_ops: kobj + sizeOf('kobject'), size: kobj + sizeOf('kobject') + 4 };
})();
/** struct sysfs_ops: show, store. struct kset_uevent_ops: filter, name, uevent. */
const SYSFS_OPS = { show: 0, store: 4 } as const;
const UEVENT_OPS = { filter: 0, name: 4, uevent: 8 } as const;

/** An attribute read from C, carrying its C address for the ktype's sysfs_ops. */
interface c_attribute extends attribute { caddr: number }

interface KobjBridge {
  /** C struct kset * <-> kernel-sim kset. */
  ksets: Map<number, kset>;
  kset_addrs: WeakMap<kset, number>;
}
const st = defineState<KobjBridge>('kapi-kobject', () => ({ ksets: new Map(), kset_addrs: new WeakMap() }));

const c_attr = (a: number): c_attribute => ({
  name: kread_cstr(kread_u32(a + offsetOf('attribute', 'name')), 64), mode: kread_u16(a + offsetOf('attribute', 'mode')), caddr: a,
});

/**
 * The kernel-sim ktype for a C struct kobj_type: its release, sysfs_ops and default_groups call back into the module.
 * Made afresh for each kobject (a ktype lives in its module, whose memory a later module may reuse).
 */
function ts_ktype(ct: number, mod: module | null): kobj_type | null {
  if (!ct) return null;
  const release = kread_u32(ct + offsetOf('kobj_type', 'release'));
  const ops = kread_u32(ct + offsetOf('kobj_type', 'sysfs_ops'));
  const show = ops ? kread_u32(ops + SYSFS_OPS.show) : 0, store = ops ? kread_u32(ops + SYSFS_OPS.store) : 0;
  const groups = kread_u32(ct + offsetOf('kobj_type', 'default_groups'));
  const t: kobj_type = {
    ...(release ? {
      release: (k: kobject) => {
        const a = c_kobject(k);
        // The module frees the struct the kobject is embedded in: forget the C address first.
        c_kobject_unbind(a);
        call_slot_atomic(release, [a], 'release', mod);
      },
    } : {}),
    sysfs_ops: {
      ...(show ? { show: (k: kobject, at: attribute) => run_show(mod, show, (buf) => [c_kobject(k), (at as c_attribute).caddr, buf]) } : {}),
      ...(store ? { store: (k: kobject, at: attribute, text: string) => run_store(mod, store, text, (buf, n) => [c_kobject(k), (at as c_attribute).caddr, buf, n]) } : {}),
    },
  };
  if (groups) {
    t.default_groups = [];
    for (let i = 0; i < 64; i++) {
      const g = kread_u32(groups + 4 * i);
      if (!g) break;
      t.default_groups.push(c_group(g, c_attr));
    }
  }
  return t;
}

/** The kernel-sim kobject for a C struct kobject, bound on first sight (memory the module kzalloc'ed or embedded). */
function kobj_of(a: number): kobject {
  const known = kobj_at(a);
  if (known) return known;
  const k = kobject_alloc(a);
  const name = kread_u32(a + offsetOf('kobject', 'name'));
  k.name = name ? kread_cstr(name, 256) : '';
  c_kobject_bind(a, k);
  return k;
}

/** The kset a C kobject's ->kset points at (set by the module before kobject_add, as kset-example does). */
function kset_of_field(a: number): kset | null {
  const p = kread_u32(a + offsetOf('kobject', 'kset'));
  return p ? st().ksets.get(p) ?? null : null;
}

/** After an add, the C struct shows what lib/kobject.c filled in: the parent. */
function sync_parent(a: number, k: kobject): void {
  kwrite_u32(a + offsetOf('kobject', 'parent'), k.parent ? c_kobject(k.parent) : 0);
}

function c_kobject_init(a: number, ct: number): void {
  if (!a) return;
  kobject_init(kobj_of(a), ts_ktype(ct, calling_module()) as kobj_type);
}

function c_kobject_add(a: number, parent: number, fmt: number, va: number): number {
  if (!a) return -EINVAL;
  const k = kobj_of(a);
  k.kset = kset_of_field(a);
  const r = kobject_add(k, parent ? kobj_at(parent) : null, vsprintf(kread_cstr(fmt, 256), new va_list(va)));
  sync_parent(a, k);
  return r;
}

/** A C struct kset standing for a kernel-sim kset: its kobject bound inside it, freed with the kset's last reference. */
function c_kset_bind(k: kset, ca: number, free: boolean): void {
  const s = st();
  c_kobject_bind(ca + KSET.kobj, k.kobj);
  s.ksets.set(ca, k);
  s.kset_addrs.set(k, ca);
  const orig = k.kobj.ktype;
  k.kobj.ktype = {
    ...orig,
    release: (o: kobject) => {
      orig?.release?.(o);
      c_kobject_unbind(ca + KSET.kobj);
      s.ksets.delete(ca);
      if (free) kfree(ca);
    },
  };
}

/** A module's kset_uevent_ops: filter and name are called with the C kobject (uevent's env is not bridged). */
function ts_uevent_ops(ops: number, mod: module | null): kset_uevent_ops | null {
  if (!ops) return null;
  const filter = kread_u32(ops + UEVENT_OPS.filter), name = kread_u32(ops + UEVENT_OPS.name);
  return {
    ...(filter ? { filter: (k: kobject) => (call_slot_atomic(filter, [c_kobject(k)], 'filter', mod) as number) !== 0 } : {}),
    ...(name ? { name: (k: kobject) => { const p = call_slot_atomic(name, [c_kobject(k)], 'name', mod) as number; return p ? kread_cstr(p, 64) : null; } } : {}),
  };
}

function c_kset_create_and_add(name: number, uevent_ops: number, parent: number): number {
  const ca = kmalloc(KSET.size, __GFP_ZERO);
  if (!ca) return 0;
  disown(ca);
  const k = kset_create_and_add(kread_cstr(name, 256), ts_uevent_ops(uevent_ops, calling_module()), parent ? kobj_at(parent) : null);
  if (!k) { kfree(ca); return 0; }
  c_kset_bind(k, ca, true);
  kwrite_u32(ca + KSET.uevent_ops, uevent_ops);
  sync_parent(ca + KSET.kobj, k.kobj);
  return ca;
}

/** kset_register of a kset the module allocated: its kobject's name, parent and kset were set in C. */
function c_kset_register(ca: number): number {
  if (!ca) return -EINVAL;
  const a = ca + KSET.kobj;
  const nm = kread_u32(a + offsetOf('kobject', 'name'));
  const k: kset = { kobj: kobject_alloc(), list: [], uevent_ops: ts_uevent_ops(kread_u32(ca + KSET.uevent_ops), calling_module()) };
  k.kobj.container = k;
  k.kobj.name = nm ? kread_cstr(nm, 256) : '';
  const parent = kread_u32(a + offsetOf('kobject', 'parent'));
  k.kobj.parent = parent ? kobj_at(parent) : null;
  k.kobj.kset = kset_of_field(a);
  k.kobj.ktype = ts_ktype(kread_u32(a + offsetOf('kobject', 'ktype')), calling_module());
  c_kset_bind(k, ca, false);
  const r = kset_register(k);
  if (r) { c_kobject_unbind(a); st().ksets.delete(ca); }
  return r;
}

export const ksymtab = [
  ...EXPORT_KAPI({
    kobject_init: c_kobject_init,
    kobject_add: c_kobject_add,
    kobject_get: (a: number) => { if (a) kobject_get(kobj_at(a)); return a; },
    kobject_set_name: (a: number, fmt: number, va: number) => {
      if (!a) return -EINVAL;
      return kobject_set_name(kobj_of(a), vsprintf(kread_cstr(fmt, 256), new va_list(va)));
    },
    kset_register: c_kset_register,
    kset_unregister: (ca: number) => { const k = st().ksets.get(ca); if (k) kset_unregister(k); },
  }),
  ...EXPORT_KAPI({
    kobject_init_and_add: (a: number, ct: number, parent: number, fmt: number, va: number) => {
      c_kobject_init(a, ct);
      return c_kobject_add(a, parent, fmt, va);
    },
    kset_create_and_add: c_kset_create_and_add,
    kset_find_obj: (ca: number, name: number) => {
      const k = st().ksets.get(ca);
      const o = k ? kset_find_obj(k, kread_cstr(name, 256)) : null;
      return o ? c_kobject(o) : 0;
    },
    kobject_uevent: (a: number, action: number) => {
      const k = a ? kobj_at(a) : null;
      const act = kobject_actions[action];
      return k && act ? kobject_uevent(k, act) : -EINVAL;
    },
    kobject_uevent_env: (a: number, action: number, envp: number) => {
      const k = a ? kobj_at(a) : null;
      const act = kobject_actions[action];
      if (!k || !act) return -EINVAL;
      const env: string[] = [];
      for (let i = 0; envp && i < 64; i++) { const p = kread_u32(envp + 4 * i); if (!p) break; env.push(kread_cstr(p, 2048)); }
      return kobject_uevent_env(k, act, env);
    },
  }, true),
];
