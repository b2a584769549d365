// Models the exports of linux/fs/configfs/{item,dir}.c for modules: C config_item/config_group/configfs_subsystem bridged to fs/configfs's.
//
// A module's items live in its memory with 6.1's layouts (wasm32 offsets below); each C item gets a kernel-sim
// config_item bound to its address, whose reference count is the C struct's kref, so C's inline kref ops and
// config_item_get/put agree. The C config_item_type becomes a kernel-sim one whose attributes, release, make_item,
// make_group, disconnect_notify and drop_item call the module's functions with the C pointers, as dir.c does.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { sizeOf } from '../../toolchain/layouts/access.ts';
import { kread_u32, kread_u16, kread_i32, kread_cstr, kwrite_u32, kwrite_cstr } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import {
  config_group_init, config_item_init, config_item_get, config_item_put, config_item_set_name, new_config_group, new_config_item,
  type config_group, type config_item, type config_item_type, type configfs_attribute, type configfs_subsystem,
} from '../../fs/configfs/item.ts';
import { configfs_register_subsystem, configfs_unregister_subsystem } from '../../fs/configfs/dir.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { run_show, run_store } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';

const CONFIGFS_ITEM_NAME_LEN = 20;
const LIST = sizeOf('list_head');
/** struct config_item: ci_name, ci_namebuf[20], ci_kref, ci_entry, ci_parent, ci_group, ci_type, ci_dentry. */
const ITEM = (() => {
  const ci_kref = 4 + CONFIGFS_ITEM_NAME_LEN, ci_entry = ci_kref + sizeOf('kref'), ci_parent = ci_entry + LIST;
  return { ci_name: 0, ci_namebuf: 4, ci_kref, ci_entry, ci_parent, ci_group: ci_parent + 4, ci_type: ci_parent + 8, size: ci_parent + 16 };
})();
/** struct config_group: cg_item, cg_children, cg_subsys, default_groups, group_entry. */
const GROUP = { cg_children: ITEM.size, cg_subsys: ITEM.size + LIST, default_groups: ITEM.size + LIST + 4, group_entry: ITEM.size + 2 * LIST + 4 };
/** struct config_item_type, configfs_attribute, configfs_item_operations, configfs_group_operations. */
const TYPE = { ct_owner: 0, ct_item_ops: 4, ct_group_ops: 8, ct_attrs: 12 } as const;
const ATTR = { ca_name: 0, ca_mode: 8, show: 12, store: 16 } as const;
const ITEM_OPS = { release: 0 } as const;
const GROUP_OPS = { make_item: 0, make_group: 4, disconnect_notify: 12, drop_item: 16 } as const;

interface Bridge {
  items: Map<number, config_item>;
  addrs: WeakMap<config_item, number>;
  subsystems: Map<number, configfs_subsystem>;
}
const bridge = defineState<Bridge>('kapi-configfs', () => ({ items: new Map(), addrs: new WeakMap(), subsystems: new Map() }));

const IS_ERR = (a: number): boolean => a >>> 0 >= 0xfffff001;
const addr_of = (item: config_item): number => bridge().addrs.get(item) ?? 0;

/** INIT_LIST_HEAD on C memory. */
function init_list(a: number): void { kwrite_u32(a, a); kwrite_u32(a + 4, a); }

/** The kernel-sim item of a C struct config_item, bound on first sight; its kref is the C struct's. */
function item_at(a: number): config_item {
  const b = bridge();
  let item = b.items.get(a);
  if (item) return item;
  const at = a + ITEM.ci_kref;
  item = new_config_item({ get refcount() { return kread_i32(at); }, set refcount(v: number) { kwrite_u32(at, v); } });
  const name = kread_u32(a + ITEM.ci_name);
  item.ci_name = kread_cstr(name || a + ITEM.ci_namebuf, 256);
  const ct = kread_u32(a + ITEM.ci_type);
  if (ct) item.ci_type = c_type(ct, calling_module());
  b.items.set(a, item);
  b.addrs.set(item, a);
  return item;
}

/** A C struct config_group: its item with the group beside it, whose default groups are the C list configfs_add_default_group fills. */
function group_at(a: number): config_group {
  const item = item_at(a);
  if (item.group) return item.group;
  const g = new_config_group(item);
  Object.defineProperty(g, 'default_groups', {
    get: (): config_group[] => {
      const out: config_group[] = [];
      const head = a + GROUP.default_groups;
      for (let e = kread_u32(head); e && e !== head && out.length < 256; e = kread_u32(e)) out.push(group_at(e - GROUP.group_entry));
      return out;
    },
  });
  return g;
}

/** Forgets a C item whose memory its release is about to free. */
function unbind(a: number): void {
  const b = bridge(), item = b.items.get(a);
  if (item) b.addrs.delete(item);
  b.items.delete(a);
}

/** Calls a group op with the mkdir'ed name as a C string; the returned pointer is an item, an errno or NULL. */
function make(slot: number, what: string, mod: module | null, group: config_group, name: string, as_group: boolean): config_item | config_group | number | null {
  const buf = kmalloc(name.length + 1, 0);
  kwrite_cstr(buf, name);
  try {
    const r = (call_slot_atomic(slot, [addr_of(group.cg_item), buf], what, mod) as number) >>> 0;
    if (!r) return null;
    if (IS_ERR(r)) return r | 0;
    return as_group ? group_at(r) : item_at(r);
  } finally { kfree(buf); }
}

function c_attr(a: number, mod: module | null): configfs_attribute {
  const show = kread_u32(a + ATTR.show), store = kread_u32(a + ATTR.store);
  return {
    ca_name: kread_cstr(kread_u32(a + ATTR.ca_name), 64), ca_mode: kread_u16(a + ATTR.ca_mode),
    ...(show ? { show: (item: config_item) => run_show(mod, show, (buf) => [addr_of(item), buf]) } : {}),
    ...(store ? { store: (item: config_item, text: string) => run_store(mod, store, text, (buf, n) => [addr_of(item), buf, n]) } : {}),
  };
}

/** The kernel-sim type for a C struct config_item_type; its owner is the module whose code set it. */
function c_type(ct: number, mod: module | null): config_item_type {
  const t: config_item_type = { ct_attrs: [], ...(kread_u32(ct + TYPE.ct_owner) && mod ? { ct_owner: mod } : {}) };
  const attrs = kread_u32(ct + TYPE.ct_attrs);
  for (let i = 0; attrs && i < 256; i++) {
    const a = kread_u32(attrs + 4 * i);
    if (!a) break;
    t.ct_attrs!.push(c_attr(a, mod));
  }
  const iops = kread_u32(ct + TYPE.ct_item_ops);
  const release = iops ? kread_u32(iops + ITEM_OPS.release) : 0;
  if (release) t.ct_item_ops = { release: (item) => { const a = addr_of(item); unbind(a); call_slot_atomic(release, [a], 'release', mod); } };
  const gops = kread_u32(ct + TYPE.ct_group_ops);
  if (gops) {
    const [make_item, make_group, notify, drop] = [GROUP_OPS.make_item, GROUP_OPS.make_group, GROUP_OPS.disconnect_notify, GROUP_OPS.drop_item].map((o) => kread_u32(gops + o));
    t.ct_group_ops = {
      ...(make_item ? { make_item: (g: config_group, name: string) => make(make_item, 'make_item', mod, g, name, false) as config_item | number | null } : {}),
      ...(make_group ? { make_group: (g: config_group, name: string) => make(make_group, 'make_group', mod, g, name, true) as config_group | number | null } : {}),
      ...(notify ? { disconnect_notify: (g: config_group, item: config_item) => { call_slot_atomic(notify!, [addr_of(g.cg_item), addr_of(item)], 'disconnect_notify', mod); } } : {}),
      ...(drop ? { drop_item: (g: config_group, item: config_item) => { call_slot_atomic(drop!, [addr_of(g.cg_item), addr_of(item)], 'drop_item', mod); } } : {}),
    };
  }
  return t;
}

/** config_item_set_name: a name shorter than CONFIGFS_ITEM_NAME_LEN lives in ci_namebuf, a longer one is allocated. */
function set_name(a: number, name: string): void {
  const old = kread_u32(a + ITEM.ci_name);
  if (old && old !== a + ITEM.ci_namebuf) kfree(old);
  let p = a + ITEM.ci_namebuf;
  if (name.length + 1 > CONFIGFS_ITEM_NAME_LEN) { p = kmalloc(name.length + 1, 0); disown(p); }
  kwrite_cstr(p, name);
  kwrite_u32(a + ITEM.ci_name, p);
  config_item_set_name(item_at(a), name);
}

/** config_item_init: the item's kref and list entry, as item.c's. */
function init_item(a: number): config_item {
  const item = item_at(a);
  config_item_init(item);
  init_list(a + ITEM.ci_entry);
  return item;
}

function set_type(a: number, ct: number): void {
  kwrite_u32(a + ITEM.ci_type, ct);
  item_at(a).ci_type = ct ? c_type(ct, calling_module()) : null;
}

function init_group(a: number): void {
  init_item(a);
  config_group_init(group_at(a));
  init_list(a + GROUP.cg_children);
  init_list(a + GROUP.default_groups);
}

/** The kernel-sim subsystem of a C struct configfs_subsystem (its su_group first), its name and type as the module set them. */
function subsys_at(a: number): configfs_subsystem {
  const b = bridge();
  let s = b.subsystems.get(a);
  if (!s) {
    s = { su_group: group_at(a) };
    b.subsystems.set(a, s);
  }
  const item = s.su_group.cg_item;
  if (!kread_u32(a + ITEM.ci_name)) kwrite_u32(a + ITEM.ci_name, a + ITEM.ci_namebuf);
  item.ci_name = kread_cstr(kread_u32(a + ITEM.ci_name), 256);
  const ct = kread_u32(a + ITEM.ci_type);
  item.ci_type = ct ? c_type(ct, calling_module()) : null;
  return s;
}

export const ksymtab = EXPORT_KAPI({
  config_item_init_type_name: (a: number, name: number, ct: number) => {
    if (!a) return;
    set_name(a, kread_cstr(name, 256));
    set_type(a, ct);
    init_item(a);
  },
  config_group_init_type_name: (a: number, name: number, ct: number) => {
    if (!a) return;
    set_name(a, kread_cstr(name, 256));
    set_type(a, ct);
    init_group(a);
  },
  config_group_init: (a: number) => { if (a) init_group(a); },
  config_item_set_name: (a: number, fmt: number, va: number) => {
    if (!a) return -EINVAL;
    set_name(a, vsprintf(kread_cstr(fmt, 256), new va_list(va)));
    return 0;
  },
  config_item_get: (a: number) => { if (a) config_item_get(item_at(a)); return a; },
  config_item_get_unless_zero: (a: number) => {
    if (!a || kread_i32(a + ITEM.ci_kref) <= 0) return 0;
    config_item_get(item_at(a));
    return a;
  },
  config_item_put: (a: number) => { if (a) config_item_put(item_at(a)); },
  configfs_register_subsystem: (a: number) => (a ? configfs_register_subsystem(subsys_at(a)) : -EINVAL),
  configfs_unregister_subsystem: (a: number) => {
    const s = bridge().subsystems.get(a);
    if (s) configfs_unregister_subsystem(s);
  },
});
