// Platform drivers written in C (drivers/base/platform.c, of.h, devres): struct platform_driver/platform_device/of_device_id bridged to the platform bus.
//
// A platform_device a C driver probes gets its C struct once; its name, id, num_resources, of_node and the
// resources platform_get_resource() hands out are accessors over C structs from then on (cstruct.ts).
import type { KGen } from '../../include/linux/sched.ts';
import type { platform_device, platform_device_id, platform_driver } from '../../drivers/base/platform.ts';
import {
  __platform_driver_register, platform_driver_unregister, platform_get_resource, format_resource, platform_device_alloc, platform_device_add,
  platform_device_add_resources, platform_device_unregister, platform_device_del, platform_device_put, platform_get_irq, platform_get_irq_optional,
  platform_irq_count, platform_get_resource_byname, IORESOURCE_IRQ, IORESOURCE_MEM, IORESOURCE_IO,
} from '../../drivers/base/platform.ts';
import { dev_err_probe } from '../../drivers/base/core.ts';
import { c_dev_pm_ops } from './pm.ts';
import type { device_node, of_device_id, device_driver } from '../../drivers/base/base.ts';
import { devres_add, devres_alloc } from '../../drivers/base/devres.ts';
import { EINVAL, ENOMEM, ENXIO, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { platform_device_view, platform_driver_view, resource_view, struct_platform_device, struct_platform_device_id, struct_resource } from '../../toolchain/layouts/views.generated.ts';
import { kread_u32, kwrite_u32, kread_cstr, kbytes } from '../../mm/kmem.ts';
import { bind_fields } from '../module/cstruct.ts';
import type { resource } from '../../drivers/base/platform.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { printk } from '../printk/printk.ts';
import { vsprintf, va_list, set_vsprintf_resource } from '../../lib/vsprintf.ts';
import { ioremap, iounmap } from '../../arch/x86/io.ts';
import { call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { c_device, c_device_register, c_device_unregister, dev_prefix, cstr_adapter } from './device.ts';
import { map_cookie } from './pci.ts';
import { c_device_groups } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';
import { c_acpi_table } from './acpi.ts';
import { c_of_node, ts_of_node, c_of_table } from './of.ts';

interface PlatState {
  devs: Map<platform_device, number>;
  /** struct platform_device * -> its platform_device. */
  by_addr: Map<number, platform_device>;
  drivers: Map<number, platform_driver>;
  /** The C struct resource of each resource handed to C. */
  res: WeakMap<resource, number>;
}
const plat = defineState<PlatState>('kapi-platform', () => ({
  devs: new Map(), by_addr: new Map(), drivers: new Map(), res: new WeakMap(),
}));

/** dev->of_node: a handle in C, the device_node in TS. */
const of_node_adapter = { to_ts: (h: unknown) => ts_of_node(h as number), to_c: (n: unknown) => c_of_node(n as device_node | null) };
const PDEV_FIELDS = ['id', 'num_resources', 'name'] as const;
const RESOURCE_FIELDS = ['start', 'end', 'flags'] as const;

export function c_platform_device(p: platform_device): number {
  const st = plat();
  let a = st.devs.get(p);
  if (a !== undefined) return a;
  a = kmalloc(struct_platform_device.SIZE, __GFP_ZERO);
  disown(a);
  st.devs.set(p, a);
  st.by_addr.set(a, p);
  const v = platform_device_view(a);
  bind_fields(p, v, PDEV_FIELDS, { name: cstr_adapter });
  c_device_register(v.dev.addr, p.dev);
  bind_fields(p.dev, v.dev, ['of_node'], { of_node: of_node_adapter });
  return a;
}

/** The kernel-sim resources of a C array of struct resource (platform_device_add_resources, a static device's .resource). */
export function ts_resources(a: number, n: number): resource[] {
  return Array.from({ length: a ? n : 0 }, (_, i) => {
    const v = resource_view(a + i * struct_resource.SIZE);
    return { start: v.start, end: v.end, flags: v.flags, ...(v.name ? { name: kread_cstr(v.name, 64) } : {}) } as resource;
  });
}

/** A struct platform_device the module defined itself (`static struct platform_device d = { .name = ... }`): kernel-sim's device over it. */
function adopt_platform_device(a: number): platform_device {
  const st = plat();
  const have = st.by_addr.get(a);
  if (have) return have;
  const v = platform_device_view(a);
  const p = platform_device_alloc(kread_cstr(v.name, 64), v.id);
  platform_device_add_resources(p, ts_resources(v.resource, v.num_resources));
  st.devs.set(p, a);
  st.by_addr.set(a, p);
  bind_fields(p, v, PDEV_FIELDS, { name: cstr_adapter });
  c_device_register(v.dev.addr, p.dev);
  bind_fields(p.dev, v.dev, ['of_node'], { of_node: of_node_adapter });
  return p;
}

/** Forgets a device's C struct when it goes (a module's static struct is freed with the module). */
function forget_platform_device(a: number, p: platform_device): void {
  const st = plat();
  st.devs.delete(p);
  st.by_addr.delete(a);
  c_device_unregister(platform_device_view(a).dev.addr);
}

export function* register_device_c(p: platform_device, a: number): KGen<number> {
  const r = yield* platform_device_add(p);
  if (r) return r;
  const mod = calling_module();
  track_resource('platform device', p.name, () => { const g = platform_device_unregister(p); for (let s = g.next(); !s.done; s = g.next()); forget_platform_device(a, p); }, mod);
  return 0;
}

export function* unregister_device_c(a: number, del_only: boolean): KGen<void> {
  const p = ts_platform_device(a);
  if (!p) return;
  untrack_resource((r) => r.kind === 'platform device' && r.name === p.name);
  if (del_only) { yield* platform_device_del(p); return; }
  yield* platform_device_unregister(p);
  forget_platform_device(a, p);
}

export function ts_platform_device(a: number): platform_device | null {
  return plat().by_addr.get(a) ?? null;
}

/** The C struct resource of a kernel-sim resource (what platform_get_resource returns): the resource's fields move into it. */
function c_resource(r: resource): number {
  const st = plat();
  let a = st.res.get(r);
  if (a === undefined) {
    a = kmalloc(struct_resource.SIZE, __GFP_ZERO);
    disown(a);
    st.res.set(r, a);
    bind_fields(r, resource_view(a), RESOURCE_FIELDS);
  }
  return a;
}

const of_table = (a: number): of_device_id[] => c_of_table(a).map((t) => t.id);

function* register_c(drv: number, owner: number): KGen<number> {
  void owner;
  const mod = calling_module();
  const pv = platform_driver_view(drv);
  const probe = pv.probe;
  const remove = pv.remove;
  const d = pv.driver.addr;
  const name = kread_cstr(kread_u32(d + offsetOf('device_driver', 'name')), 64);
  const of_match = of_table(kread_u32(d + offsetOf('device_driver', 'of_match_table')));
  const groups = c_device_groups(kread_u32(d + offsetOf('device_driver', 'dev_groups')), mod);
  const acpi_match = c_acpi_table(kread_u32(d + offsetOf('device_driver', 'acpi_match_table')));
  const pm = c_dev_pm_ops(pv.driver.pm, mod);
  const driver = {
    name, ...(of_match.length ? { of_match_table: of_match } : {}), ...(acpi_match.length ? { acpi_match_table: acpi_match } : {}), ...(groups.length ? { dev_groups: groups } : {}),
    ...(pm ? { pm } : {}),
  } as unknown as device_driver;
  // The driver's id_table (a C array ending with an empty name): matched by name; pdev->id_entry points at the entry.
  const id_table = c_platform_ids(pv.id_table);
  const pdrv: platform_driver = {
    driver,
    ...(id_table.length ? { id_table } : {}),
    ...(probe ? {
      probe: function* (p: platform_device): KGen<number> {
        const a = c_platform_device(p);
        platform_device_view(a).id_entry = typeof p.id_entry?.driver_data === 'number' ? p.id_entry.driver_data : 0;
        return (yield* call_slot(probe, [a], 'probe', mod)) as number;
      },
    } : {}),
    ...(remove ? { remove: function* (p: platform_device): KGen<number> { return (yield* call_slot(remove, [c_platform_device(p)], 'remove', mod)) as number; } } : {}),
  };
  const r = yield* __platform_driver_register(pdrv, mod?.name ?? null);
  if (!r) {
    plat().drivers.set(drv, pdrv);
    track_resource('platform driver', name, () => { const g = platform_driver_unregister(pdrv); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  }
  return r;
}

/** A C struct platform_device_id table as kernel-sim's: each entry's name, and its C address as driver_data. */
function c_platform_ids(t: number): platform_device_id[] {
  const out: platform_device_id[] = [];
  for (let a = t; a && kbytes()[a]; a += struct_platform_device_id.SIZE) out.push({ name: kread_cstr(a, 20), driver_data: a });
  return out;
}

set_vsprintf_resource((a) => { const v = resource_view(a); return format_resource({ start: v.start, end: v.end, flags: v.flags }); });

const kbytes_copy = (dst: number, src: number, n: number): void => { kbytes().copyWithin(dst, src, src + n); };

/** The device-managed mapping of a memory resource (devm_ioremap_resource without the region claim): a cookie, or ERR_PTR(-ENOMEM). */
function devm_map(p: platform_device, r: resource): number {
  const addr = ioremap(r.start, r.end - r.start + 1);
  if (!addr) return (-ENOMEM) >>> 0;
  devres_add(p.dev, devres_alloc(() => iounmap(addr), 0, 'devm_ioremap_release'));
  return map_cookie(addr, r.end - r.start + 1);
}

export const ksymtab = EXPORT_KAPI({
  __platform_driver_register: register_c,
  platform_driver_unregister: function* (drv: number): KGen<void> {
    const p = plat().drivers.get(drv);
    if (!p) return;
    untrack_resource((r) => r.kind === 'platform driver' && r.name === p.driver.name);
    plat().drivers.delete(drv);
    yield* platform_driver_unregister(p);
  },
  // The num-th resource that is memory or I/O ports, whichever it is (pvpanic-mmio takes either).
  platform_get_mem_or_io: (pd: number, num: number) => {
    const p = ts_platform_device(pd);
    const r = p?.resource.find((x) => (x.flags & (IORESOURCE_MEM | IORESOURCE_IO)) && num-- === 0);
    return r ? c_resource(r) : 0;
  },
  platform_get_resource: (pd: number, type: number, num: number) => {
    const p = ts_platform_device(pd);
    const r = p ? platform_get_resource(p, type, num) : null;
    return r ? c_resource(r) : 0;
  },
  devm_platform_ioremap_resource: (pd: number, index: number) => {
    const p = ts_platform_device(pd);
    const r = p ? platform_get_resource(p, IORESOURCE_MEM, index) : null;
    return p && r ? devm_map(p, r) : (-EINVAL) >>> 0;
  },
  devm_kmalloc: (dev: number, size: number, gfp: number) => {
    const d = c_device(dev);
    const a = kmalloc(size, gfp);
    if (!a || !d) return a;
    disown(a);
    devres_add(d, devres_alloc(() => { kfree(a); }, size, 'devm_kmalloc_release'));
    return a;
  },
  devm_kfree: (dev: number, p: number) => { void dev; kfree(p); },
  dev_err_probe: (dev: number, err: number, fmt: number, va: number) => {
    if (err !== -EPROBE_DEFER) printk(`\x013${dev_prefix(dev)}error ${err}: ${vsprintf(kread_cstr(fmt, 4096), new va_list(va))}`);
    return err;
  },
  platform_device_alloc: (name: number, id: number) => c_platform_device(platform_device_alloc(kread_cstr(name, 64), id)),
  platform_device_add: function* (a: number): KGen<number> { const p = ts_platform_device(a); return p ? yield* register_device_c(p, a) : -EINVAL; },
  platform_device_add_resources: (a: number, res: number, num: number) => { const p = ts_platform_device(a); return p ? platform_device_add_resources(p, ts_resources(res, num)) : -EINVAL; },
  platform_device_add_data: (a: number, data: number, size: number) => {
    const p = ts_platform_device(a);
    if (!p) return -EINVAL;
    const copy = data && size ? kmalloc(size, 0) : 0;
    if (copy) { disown(copy); kbytes_copy(copy, data, size); }
    kwrite_u32(platform_device_view(a).dev.addr + offsetOf('device', 'platform_data'), copy);
    return 0;
  },
  platform_device_register: function* (a: number): KGen<number> {
    const p = adopt_platform_device(a);
    const r = yield* register_device_c(p, a);
    if (r) forget_platform_device(a, p);
    return r;
  },
  platform_device_register_resndata: function* (parent: number, name: number, id: number, res: number, num: number, data: number, size: number): KGen<number> {
    const p = platform_device_alloc(kread_cstr(name, 64), id);
    if (parent) { const d = c_device(parent); if (d) p.dev.parent = d; }
    platform_device_add_resources(p, ts_resources(res, num));
    const a = c_platform_device(p);
    if (data && size) { const copy = kmalloc(size, 0); disown(copy); kbytes_copy(copy, data, size); kwrite_u32(platform_device_view(a).dev.addr + offsetOf('device', 'platform_data'), copy); }
    const r = yield* register_device_c(p, a);
    if (r) { platform_device_put(p); return r >>> 0; }
    return a;
  },
  platform_device_unregister: function* (a: number): KGen<void> { yield* unregister_device_c(a, false); },
  platform_device_del: function* (a: number): KGen<void> { yield* unregister_device_c(a, true); },
  platform_device_put: (a: number) => { const p = ts_platform_device(a); if (p) platform_device_put(p); },
  platform_get_irq: (a: number, num: number) => { const p = ts_platform_device(a); return p ? platform_get_irq(p, num) : -EINVAL; },
  platform_get_irq_optional: (a: number, num: number) => { const p = ts_platform_device(a); return p ? platform_get_irq_optional(p, num) : -EINVAL; },
  platform_irq_count: (a: number) => { const p = ts_platform_device(a); return p ? platform_irq_count(p) : 0; },
  platform_get_resource_byname: (a: number, type: number, name: number) => {
    const p = ts_platform_device(a);
    const r = p ? platform_get_resource_byname(p, type, kread_cstr(name, 64)) : null;
    return r ? c_resource(r) : 0;
  },
  /** platform_get_irq_byname(): the IRQ resource of that name, or "IRQ <name> not found" and -ENXIO. */
  platform_get_irq_byname: (a: number, name: number) => {
    const p = ts_platform_device(a);
    if (!p) return -EINVAL;
    const n = kread_cstr(name, 64);
    const r = platform_get_resource_byname(p, IORESOURCE_IRQ, n);
    return r && r.start > 0 ? r.start : dev_err_probe(p.dev, -ENXIO, `IRQ ${n} not found`);
  },
  /** platform_add_devices(): registers each; on a failure the ones already added go again. */
  platform_add_devices: function* (devs: number, num: number): KGen<number> {
    const done: number[] = [];
    for (let i = 0; i < num; i++) {
      const a = kread_u32(devs + 4 * i);
      const p = adopt_platform_device(a);
      const r = yield* register_device_c(p, a);
      if (r) {
        forget_platform_device(a, p);
        for (const d of done.reverse()) yield* unregister_device_c(d, false);
        return r;
      }
      done.push(a);
    }
    return 0;
  },
  devm_platform_ioremap_resource_byname: (a: number, name: number) => {
    const p = ts_platform_device(a);
    const r = p ? platform_get_resource_byname(p, IORESOURCE_MEM, kread_cstr(name, 64)) : null;
    return p && r ? devm_map(p, r) : (-EINVAL) >>> 0;
  },
});
