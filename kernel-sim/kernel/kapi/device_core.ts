// Models the exports of linux/drivers/base/core.c and class.c for a struct device or struct class a module embeds in its own structs: device_initialize/add/register/del/unregister, get/put_device, __class_register/class_unregister, class attributes, sysfs_create/remove_link.
//
// A C struct device gets a kernel-sim device on first sight (device_initialize, or device_register of a struct the
// module filled in): its name, devt and drvdata live in the C struct from then on (device.ts's c_device_register),
// its parent, class and groups are read from C at device_add as core.c reads them. When the last reference goes,
// the release Linux's device_release picks (dev->release, else the class's dev_release) runs in the module with the
// C pointer, and the address is forgotten first: the module frees the memory there. A class's attributes (its
// class_groups, class_create_file) call the module's show/store with the C class and attribute.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import { device_view, class_view } from '../../toolchain/layouts/views.generated.ts';
import { kread_cstr, kread_u16, kread_u32, kwrite_cstr } from '../../mm/kmem.ts';
import type { class_, class_attribute, device } from '../../drivers/base/base.ts';
import { class_register, class_unregister } from '../../drivers/base/class.ts';
import { class_p } from '../../drivers/base/private.ts';
import { sysfs_create_file, sysfs_remove_file } from '../../fs/sysfs/file.ts';
import { device_alloc, device_initialize, device_add, device_del, get_device, put_device } from '../../drivers/base/core.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { call_slot_atomic } from '../module/fops.ts';
import type { module } from '../module/types.ts';
import { unbind_fields } from '../module/cstruct.ts';
import { calling_module, kfunc_of_slot } from '../module/runtime.ts';
import { c_device, c_device_addr, c_device_register, c_device_unregister, c_class, c_class_bind } from './device.ts';
import { c_device_groups, c_group, kobj_at, run_show, run_store } from './sysfs.ts';
import { c_bus } from './bus.ts';
import { EXPORT_KAPI } from './registry.ts';

/** Calls a module's release(struct device *) after forgetting the address (the struct is freed by it). */
function run_c_release(slot: number, dev: device, mod: module | null): void {
  const a = c_device_addr(dev) ?? 0;
  unbind_fields(dev, ['devt', 'driver_data']);
  unbind_fields(dev.kobj, ['name']);
  c_device_unregister(a);
  call_slot_atomic(slot, [a], 'release', mod);
}

/** The kernel-sim device of the C struct device at `a`, initialized (device_initialize) the first time it is seen. */
function adopt_device(a: number): device {
  const known = c_device(a);
  if (known) return known;
  const d = device_alloc(null);
  // dev_set_name before registering left the name in the C kobject; binding moves the TS value in, so set it first.
  const name = device_view(a).kobj.name;
  d.kobj.name = name ? kread_cstr(name, 256) : '';
  const devt = device_view(a).devt;
  device_initialize(d);
  c_device_register(a, d);
  d.devt = devt;
  return d;
}

/** device_add's view of what the module set in the struct: parent, class, bus (one a module registered), groups, init_name, release. */
function read_c_fields(a: number, d: device, mod: module | null): void {
  const v = device_view(a);
  d.parent = v.parent ? c_device(v.parent) : null;
  d.class = v.class ? c_class(v.class) : null;
  if (v.bus) d.bus = c_bus(v.bus);
  const groups = c_device_groups(v.groups, mod);
  d.groups = groups.length ? groups : [];
  if (v.init_name) d.init_name = kread_cstr(v.init_name, 256);
  const release = v.release;
  d.release = release ? (dev) => run_c_release(release, dev, mod) : null;
}

function* c_device_add(a: number): KGen<number> {
  if (!a) return -EINVAL;
  const d = adopt_device(a);
  read_c_fields(a, d, calling_module());
  return yield* device_add(d);
}

function* c_device_del(a: number): KGen<void> {
  const d = c_device(a);
  if (d) yield* device_del(d);
}

/** struct class_attribute: struct attribute attr; show; store. struct class_attribute_string adds char *str. */
const CLASS_ATTR = (() => { const show = sizeOf('attribute'); return { show, store: show + 4, str: show + 8 }; })();

/** A CLASS_ATTR_STRING's text (struct class_attribute_string's str) and a newline, as show_class_attr_string prints it. */
const class_attr_string = (attr: number): string => `${kread_cstr(kread_u32(attr + CLASS_ATTR.str), 4095)}\n`;

/**
 * The C struct class_attribute at `a` of the C class `cls`: show/store run in the module with both pointers. A show
 * that is the kernel's show_class_attr_string (CLASS_ATTR_STRING) is a kernel function slot, not the module's: it runs here.
 */
function c_class_attr(a: number, cls: number, mod: module | null): class_attribute {
  const show = kread_u32(a + CLASS_ATTR.show), store = kread_u32(a + CLASS_ATTR.store);
  const string_show = show !== 0 && kfunc_of_slot(show) === 'show_class_attr_string';
  return {
    name: kread_cstr(kread_u32(a + offsetOf('attribute', 'name')), 64), mode: kread_u16(a + offsetOf('attribute', 'mode')),
    ...(string_show ? { show: () => class_attr_string(a) } : show ? { show: () => run_show(mod, show, (buf) => [cls, a, buf]) } : {}),
    ...(store ? { store: (_c: class_, _at: class_attribute, text: string) => run_store(mod, store, text, (buf, n) => [cls, a, buf, n]) } : {}),
  };
}

/** show_class_attr_string, called from C: the text into buf, its length back. */
function show_class_attr_string(cls: number, attr: number, buf: number): number {
  void cls;
  const text = class_attr_string(attr);
  kwrite_cstr(buf, text);
  return new TextEncoder().encode(text).length;
}

/** class_create_file_ns / class_remove_file_ns: an attribute in the class's directory (-EINVAL without a class, as class.c). */
function c_class_file(cls: number, attr: number, add: boolean): number {
  const c = cls ? c_class(cls) : null, cp = c ? class_p(c) : null;
  if (!cp || !attr) return -EINVAL;
  const at = c_class_attr(attr, cls, calling_module());
  if (!add) { sysfs_remove_file(cp.subsys.kobj, at); return 0; }
  return sysfs_create_file(cp.subsys.kobj, at);
}

/** A module's struct class: class_groups, dev_groups and dev_release call back into it with the C pointers. */
function ts_class(a: number, mod: module | null): class_ {
  const v = class_view(a);
  const dev_release = v.dev_release;
  const dev_groups = c_device_groups(v.dev_groups, mod);
  const class_groups: class_['class_groups'] = [];
  for (let i = 0; v.class_groups && i < 64; i++) {
    const g = kread_u32(v.class_groups + 4 * i);
    if (!g) break;
    class_groups.push(c_group(g, (at) => c_class_attr(at, a, mod)));
  }
  return {
    name: kread_cstr(v.name, 64), owner: mod?.name ?? null,
    ...(dev_groups.length ? { dev_groups } : {}),
    ...(class_groups.length ? { class_groups } : {}),
    ...(dev_release ? { dev_release: (dev: device) => run_c_release(dev_release, dev, mod) } : {}),
  };
}

export const ksymtab = EXPORT_KAPI({
  device_initialize: (a: number) => { if (a) adopt_device(a); },
  device_add: c_device_add,
  device_register: function* (a: number): KGen<number> {
    if (a) adopt_device(a);
    return yield* c_device_add(a);
  },
  device_del: c_device_del,
  device_unregister: function* (a: number): KGen<void> {
    const d = c_device(a);
    if (!d) return;
    yield* device_del(d);
    put_device(d);
  },
  get_device: (a: number) => { const d = c_device(a); return d && get_device(d) ? a : 0; },
  put_device: (a: number) => { const d = c_device(a); if (d) put_device(d); },
  __class_register: (a: number, key: number) => {
    void key; // lockdep's class key: no lockdep here
    if (!a) return -EINVAL;
    const c = ts_class(a, calling_module());
    const r = class_register(c);
    if (!r) c_class_bind(a, c);
    return r;
  },
  class_unregister: (a: number) => {
    const c = c_class(a);
    if (!c) return;
    class_unregister(c);
    c_class_bind(a, null);
  },
  class_create_file_ns: (cls: number, attr: number, ns: number) => { void ns; return c_class_file(cls, attr, true); },
  class_remove_file_ns: (cls: number, attr: number, ns: number) => { void ns; c_class_file(cls, attr, false); },
  show_class_attr_string,
  sysfs_create_link: (kobj: number, target: number, name: number) => {
    const k = kobj_at(kobj), t = kobj_at(target);
    return t ? sysfs_create_link(k, t, kread_cstr(name, 256)) : -EINVAL;
  },
  sysfs_remove_link: (kobj: number, name: number) => { const k = kobj_at(kobj); if (k) sysfs_remove_link(k, kread_cstr(name, 256)); },
});
