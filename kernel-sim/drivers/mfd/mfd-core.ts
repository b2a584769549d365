// Models linux/drivers/mfd/mfd-core.c for C drivers: mfd_add_devices() makes a platform device of each struct mfd_cell — named and numbered after it, a child of the parent, its resources offset by mem_base and irq_base, its platform data copied, and a copy of the cell in pdev->mfd_cell — and mfd_remove_devices() takes them away again, last first.
import type { KGen } from '../../include/linux/sched.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { kbytes, kread_cstr, kwrite_u32 } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown } from '../../mm/slab.ts';
import { mfd_cell_view, platform_device_view, resource_view, struct_mfd_cell } from '../../toolchain/layouts/views.generated.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { EXPORT_KAPI } from '../../kernel/kapi/registry.ts';
import { c_device } from '../../kernel/kapi/device.ts';
import { c_platform_device, register_device_c, ts_platform_device, ts_resources, unregister_device_c } from '../../kernel/kapi/platform.ts';
import { IORESOURCE_IRQ, IORESOURCE_MEM, PLATFORM_DEVID_AUTO, platform_device_add_resources, platform_device_alloc, platform_device_put } from '../base/platform.ts';
import { devres_add, devres_alloc } from '../base/devres.ts';
import { defineState } from '../../kernel/state.ts';

/** The struct platform_device of every device mfd_add_devices made, in the order it made them. */
const mfdState = defineState('mfd-core', () => ({ children: [] as number[] }));

/** kmemdup() of n bytes of kernel memory (the cell, its platform data), kept by the kernel. */
function kdup(src: number, n: number): number {
  const p = kmalloc(n, 0);
  if (!p) return 0;
  disown(p);
  kbytes().copyWithin(p, src, src + n);
  return p;
}

/** mfd_add_device(): one cell's platform device, registered; 0 or -errno. */
function* mfd_add_device(parent: number, id: number, cell: number, mem_base: number, irq_base: number): KGen<number> {
  const c = mfd_cell_view(cell);
  const platform_id = id === PLATFORM_DEVID_AUTO ? id : id + c.id;
  const p = platform_device_alloc(kread_cstr(c.name, 64), platform_id);
  const parent_dev = c_device(parent);
  if (parent_dev) p.dev.parent = parent_dev;
  const res = ts_resources(c.resources, c.num_resources);
  const base = mem_base ? resource_view(mem_base).start : 0;
  for (const r of res) {
    // Cell resources are relative to the parent's: its memory window (mem_base) and its first IRQ (irq_base, no irq_domain).
    if (r.flags & IORESOURCE_MEM && mem_base) { r.start += base; r.end += base; }
    if (r.flags & IORESOURCE_IRQ) { r.start += irq_base; r.end += irq_base; }
  }
  if (res.length) platform_device_add_resources(p, res);
  const a = c_platform_device(p);
  // pdev->dev.parent in C too: the child's driver reads it (dev_name(pdev->dev.parent)).
  kwrite_u32(platform_device_view(a).dev.addr + offsetOf('device', 'parent'), parent);
  const copy = kdup(cell, struct_mfd_cell.SIZE);
  if (!copy) { platform_device_put(p); return -ENOMEM; }
  platform_device_view(a).mfd_cell = copy;
  if (c.platform_data && c.pdata_size) kwrite_u32(platform_device_view(a).dev.addr + offsetOf('device', 'platform_data'), kdup(c.platform_data, c.pdata_size));
  const r = yield* register_device_c(p, a);
  if (r) { kfree(copy); platform_device_put(p); return r; }
  mfdState().children.push(a);
  return 0;
}

/** mfd_remove_devices(): the parent's cell devices, the newest first; their cell copies are freed. */
function* mfd_remove_devices(parent: number): KGen<void> {
  const st = mfdState();
  const dev = c_device(parent);
  for (const a of [...st.children].reverse()) {
    if (ts_platform_device(a)?.dev.parent !== dev) continue;
    st.children.splice(st.children.indexOf(a), 1);
    const copy = platform_device_view(a).mfd_cell;
    yield* unregister_device_c(a, false);
    if (copy) kfree(copy);
  }
}

/** mfd_add_devices(): every cell or none — a failure takes the ones already added away again. */
function* mfd_add_devices(parent: number, id: number, cells: number, n_devs: number, mem_base: number, irq_base: number, _domain: number): KGen<number> {
  for (let i = 0; i < n_devs; i++) {
    const r = yield* mfd_add_device(parent, id, cells + i * struct_mfd_cell.SIZE, mem_base, irq_base);
    if (r) { yield* mfd_remove_devices(parent); return r; }
  }
  return 0;
}

/** devm_mfd_add_devices(): mfd_add_devices() undone when the parent's driver unbinds. */
function* devm_mfd_add_devices(parent: number, id: number, cells: number, n_devs: number, mem_base: number, irq_base: number, domain: number): KGen<number> {
  const r = yield* mfd_add_devices(parent, id, cells, n_devs, mem_base, irq_base, domain);
  const dev = c_device(parent);
  if (!r && dev) {
    devres_add(dev, devres_alloc(() => { const g = mfd_remove_devices(parent); for (let s = g.next(); !s.done; s = g.next()); }, 4, 'devm_mfd_dev_release'));
  }
  return r;
}

export const ksymtab = [...EXPORT_KAPI({ mfd_add_devices, mfd_remove_devices, devm_mfd_add_devices })];
