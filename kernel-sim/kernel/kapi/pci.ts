// PCI drivers written in C: struct pci_driver/pci_dev/pci_device_id bridged to drivers/pci, __iomem cookies for ioread/iowrite, IRQ handlers, coherent DMA.
//
// A C `void __iomem *` is 32 bits: pci_iomap hands out cookies in [IOMEM_COOKIE_BASE, 4G), outside the kernel memory
// (a direct dereference traps like an unmapped address), and ioread32/iowrite32 translate them to arch/x86/io.ts.
// A C struct pci_dev is the pci_dev: its ID fields, irq and resources are accessors of kernel-sim's pci_dev over it
// (cstruct.ts), so pci_alloc_irq_vectors() changing irq is what the driver reads next. Coherent DMA buffers are
// kernel pages the machine's RAM maps at their bus address (kernel/dma/mapping.ts): one memory, no copies.
import type { KGen } from '../../include/linux/sched.ts';
import type { pci_dev, pci_driver, pci_device_id } from '../../include/linux/pci.ts';
import { EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { pci_dev_view, pci_device_id_view, pci_driver_view, struct_pci_dev, struct_pci_device_id } from '../../toolchain/layouts/views.generated.ts';
import { kwrite_u64, kread_cstr, kread_u64 } from '../../mm/kmem.ts';
import { bind_fields } from '../module/cstruct.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { __pci_register_driver, pci_unregister_driver } from '../../drivers/pci/pci-driver.ts';
import {
  pci_enable_device, pci_disable_device, pci_request_region, pci_release_region, pci_request_regions, pci_release_regions, pci_iomap,
  pci_iounmap, pci_set_master, pci_clear_master,
} from '../../drivers/pci/pci.ts';
import { ioread8, ioread16, ioread32, iowrite8, iowrite16, iowrite32 } from '../../arch/x86/io.ts';
import { request_threaded_irq, free_irq } from '../irq/manage.ts';
import { IRQ_NONE } from '../irq/irqdesc.ts';
import { dma_set_mask, dma_set_coherent_mask, dma_alloc_coherent, dma_free_coherent, type dma_coherent_buf } from '../dma/mapping.ts';
import type { device } from '../../drivers/base/base.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { c_device, c_device_register, c_device_unregister } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';
import { c_pci_bus } from './pci_bus.ts';
import { devres_add, devres_alloc, devres_remove } from '../../drivers/base/devres.ts';
import { c_dev_pm_ops } from './pm.ts';
import { pci_alloc_irq_vectors, pci_irq_vector, pci_free_irq_vectors, pci_enable_msi, pci_disable_msi } from '../../drivers/pci/msi/msi.ts';

const IOMEM_COOKIE_BASE = 0xc0000000;

interface iomap { cookie: number; addr: number; len: number }
interface PciBridge {
  devs: Map<pci_dev, number>;
  /** struct pci_dev * -> its pci_dev. */
  by_addr: Map<number, pci_dev>;
  drivers: Map<number, pci_driver>;
  maps: iomap[];
  next_cookie: number;
  /** Coherent buffers handed to modules, by CPU address. */
  coherent: Map<number, { buf: dma_coherent_buf; dev: device }>;
  irqs: Map<string, { irq: number; dev_id: number }>;
}
const pciBridge = defineState<PciBridge>('kapi-pci', () => ({ devs: new Map(), by_addr: new Map(), drivers: new Map(), maps: [], next_cookie: IOMEM_COOKIE_BASE, coherent: new Map(), irqs: new Map() }));

/** pci_dev fields drivers read (and the PCI core changes after probe starts: irq with MSI). */
const PCI_DEV_FIELDS = ['devfn', 'vendor', 'device', 'subsystem_vendor', 'subsystem_device', 'class', 'revision', 'hdr_type', 'pin', 'cfg_size', 'irq'] as const;
const RESOURCE_FIELDS = ['start', 'end', 'flags'] as const;

/** The C struct pci_dev for a kernel-sim pci_dev (made on first use: probe); from then on the pci_dev's fields are its. */
export function c_pci_dev(p: pci_dev): number {
  const st = pciBridge();
  let a = st.devs.get(p);
  if (a !== undefined) return a;
  a = kmalloc(struct_pci_dev.SIZE, __GFP_ZERO);
  disown(a);
  st.devs.set(p, a);
  st.by_addr.set(a, p);
  const v = pci_dev_view(a);
  bind_fields(p, v, PCI_DEV_FIELDS);
  v.bus = c_pci_bus(p.bus);
  p.resource.slice(0, 17).forEach((r, i) => { if (r) bind_fields(r, v.resource_at(i), RESOURCE_FIELDS); });
  c_device_register(v.dev.addr, p.dev);
  return a;
}

export function ts_pci_dev(a: number): pci_dev | null {
  return pciBridge().by_addr.get(a) ?? null;
}

function pci_id_at(a: number): pci_device_id {
  const v = pci_device_id_view(a);
  return { vendor: v.vendor, device: v.device, subvendor: v.subvendor, subdevice: v.subdevice, class: v.class, class_mask: v.class_mask, driver_data: v.driver_data };
}

/** The C id_table as kernel-sim ids (read once at registration, as the PCI core reads a driver's table), each with its C address. */
export function id_table(table: number): (pci_device_id & { c_addr: number })[] {
  const out: (pci_device_id & { c_addr: number })[] = [];
  if (!table) return out;
  for (let a = table; ; a += struct_pci_device_id.SIZE) {
    const id = pci_id_at(a);
    if (!id.vendor && !id.device && !id.subvendor && !id.subdevice && !id.class && !id.class_mask && !id.driver_data) break;
    out.push({ ...id, c_addr: a });
  }
  return out;
}

function* register_pci_driver_c(drv: number, owner: number, mod_name: number): KGen<number> {
  void owner;
  const mod = calling_module();
  const dv = pci_driver_view(drv);
  const name = kread_cstr(dv.name, 64);
  const probe = dv.probe;
  const remove = dv.remove;
  const ids = id_table(dv.id_table);
  const tsdrv = {
    name, id_table: ids, owner: mod?.name ?? null,
    driver: { pm: c_dev_pm_ops(dv.driver.pm, mod) },
    ...(probe ? {
      probe: function* (p: pci_dev, id: pci_device_id): KGen<number> {
        const cp = c_pci_dev(p);
        const cid = (id as { c_addr?: number }).c_addr ?? 0;
        return (yield* call_slot(probe, [cp, cid], 'probe', mod)) as number;
      },
    } : {}),
    ...(remove ? {
      remove: function* (p: pci_dev): KGen<void> {
        yield* call_slot(remove, [c_pci_dev(p)], 'remove', mod);
      },
    } : {}),
  } as unknown as pci_driver;
  pciBridge().drivers.set(drv, tsdrv);
  const r = yield* __pci_register_driver(tsdrv, mod?.name ?? null, mod_name ? kread_cstr(mod_name, 64) : mod?.name ?? null);
  if (r) pciBridge().drivers.delete(drv);
  else track_resource('pci driver', name, () => { const g = pci_unregister_driver(tsdrv); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  return r;
}

function* unregister_pci_driver_c(drv: number): KGen<void> {
  const tsdrv = pciBridge().drivers.get(drv);
  if (!tsdrv) return;
  untrack_resource((r) => r.kind === 'pci driver' && r.name === tsdrv.name);
  pciBridge().drivers.delete(drv);
  yield* pci_unregister_driver(tsdrv);
}

// ---- __iomem cookies ---------------------------------------------------------

/** The mapping a cookie starts, taken off the list (iounmap, pci_iounmap); null for an unknown cookie. */
export function unmap_cookie(cookie: number): number | null {
  const st = pciBridge();
  const i = st.maps.findIndex((m) => m.cookie === cookie >>> 0);
  if (i < 0) return null;
  return st.maps.splice(i, 1)[0]!.addr;
}

export function map_cookie(addr: number, len: number): number {
  if (!addr) return 0;
  const st = pciBridge();
  const size = Math.max(4096, Math.ceil(len / 4096) * 4096);
  const cookie = st.next_cookie;
  st.next_cookie += size;
  st.maps.push({ cookie, addr, len: size });
  return cookie;
}

export function io_addr(cookie: number): number | null {
  const c = cookie >>> 0;
  for (const m of pciBridge().maps) if (c >= m.cookie && c < m.cookie + m.len) return m.addr + (c - m.cookie);
  return null;
}

function bad_io(cookie: number): number {
  void cookie;
  return 0xffffffff;
}

export function rd(fn: (a: number) => number) {
  return (cookie: number): number => {
    const a = io_addr(cookie);
    return a === null ? bad_io(cookie) : fn(a);
  };
}
export function wr(fn: (v: number, a: number) => void) {
  return (v: number, cookie: number): void => {
    const a = io_addr(cookie);
    if (a === null) return;
    fn(v >>> 0, a);
  };
}

function pdev_of(a: number): pci_dev | null { return ts_pci_dev(a); }
function dev_of(a: number): device | null { return c_device(a); }

/** request_threaded_irq with the module's C handlers; an unmanaged one is tracked as the module's until free_irq. */
export function c_request_threaded_irq(irq: number, handler: number, thread_fn: number, flags: number, name: string, dev_id: number, track: boolean): number {
  const mod = calling_module();
  const h = handler ? (i: number): number => call_slot_atomic(handler, [i, dev_id], 'irq', mod) as number : null;
  const t = thread_fn ? function* (i: number): KGen<number> { return (yield* call_slot(thread_fn, [i, dev_id], 'irq thread', mod)) as number; } : null;
  const r = request_threaded_irq(irq, h ?? ((): number => IRQ_NONE), t, flags, name, dev_id);
  if (!r && track) track_resource('irq', `${irq} (${name})`, () => { free_irq(irq, dev_id); }, mod);
  return r;
}

function c_dma_alloc_attrs(dev: number, size: number, handle: number): number {
  const d = dev_of(dev);
  if (!d) return 0;
  const buf = dma_alloc_coherent(d, size);
  if (!buf) return 0;
  pciBridge().coherent.set(buf.cpu_addr, { buf, dev: d });
  kwrite_u64(handle, BigInt(buf.dma_handle));
  return buf.cpu_addr;
}

function c_dma_free_attrs(cpu: number, size: number): void {
  const st = pciBridge();
  const c = st.coherent.get(cpu);
  if (!c) return;
  st.coherent.delete(cpu);
  dma_free_coherent(c.dev, size, c.buf);
}

export const ksymtab = EXPORT_KAPI({
  __pci_register_driver: register_pci_driver_c,
  pci_unregister_driver: unregister_pci_driver_c,
  pci_enable_device: (p: number) => { const d = pdev_of(p); return d ? pci_enable_device(d) : -ENODEV; },
  pci_enable_device_mem: (p: number) => { const d = pdev_of(p); return d ? pci_enable_device(d) : -ENODEV; },
  pci_alloc_irq_vectors: (p: number, min: number, max: number, flags: number) => { const d = pdev_of(p); return d ? pci_alloc_irq_vectors(d, min, max, flags) : -ENODEV; },
  pci_irq_vector: (p: number, nr: number) => { const d = pdev_of(p); return d ? pci_irq_vector(d, nr) : -ENODEV; },
  pci_free_irq_vectors: (p: number) => { const d = pdev_of(p); if (d) pci_free_irq_vectors(d); },
  pci_enable_msi: (p: number) => { const d = pdev_of(p); return d ? pci_enable_msi(d) : -ENODEV; },
  pci_disable_msi: (p: number) => { const d = pdev_of(p); if (d) pci_disable_msi(d); },
  pci_dev_msi_enabled: (p: number) => { const d = pdev_of(p); return d && (d.msi_enabled || d.msix_enabled) ? 1 : 0; },
  // CONFIG_PCI_MSI, and nobody booted with pci=nomsi.
  pci_msi_enabled: () => 1,
  pci_disable_device: (p: number) => { const d = pdev_of(p); if (d) pci_disable_device(d); },
  pci_set_master: (p: number) => { const d = pdev_of(p); if (d) pci_set_master(d); },
  pci_clear_master: (p: number) => { const d = pdev_of(p); if (d) pci_clear_master(d); },
  pci_request_region: (p: number, bar: number, name: number) => { const d = pdev_of(p); return d ? pci_request_region(d, bar, kread_cstr(name, 64)) : -ENODEV; },
  pci_release_region: (p: number, bar: number) => { const d = pdev_of(p); if (d) pci_release_region(d, bar); },
  pci_request_regions: (p: number, name: number) => { const d = pdev_of(p); return d ? pci_request_regions(d, kread_cstr(name, 64)) : -ENODEV; },
  pci_release_regions: (p: number) => { const d = pdev_of(p); if (d) pci_release_regions(d); },
  pci_iomap: (p: number, bar: number, maxlen: number) => {
    const d = pdev_of(p);
    if (!d) return 0;
    const a = pci_iomap(d, bar, maxlen);
    const r = d.resource[bar];
    return map_cookie(a, maxlen || (r ? r.end - r.start + 1 : 4096));
  },
  pci_iounmap: (p: number, cookie: number) => {
    const d = pdev_of(p);
    const st = pciBridge();
    const i = st.maps.findIndex((m) => m.cookie === cookie >>> 0);
    if (i < 0) return;
    if (d) pci_iounmap(d, st.maps[i]!.addr);
    st.maps.splice(i, 1);
  },
  ioread8: rd(ioread8), ioread16: rd(ioread16), ioread32: rd(ioread32),
  readb: rd(ioread8), readw: rd(ioread16), readl: rd(ioread32),
  iowrite8: wr(iowrite8), iowrite16: wr(iowrite16), iowrite32: wr(iowrite32),
  writeb: wr(iowrite8), writew: wr(iowrite16), writel: wr(iowrite32),
  request_threaded_irq: (irq: number, handler: number, thread_fn: number, flags: number, name: number, dev_id: number) =>
    c_request_threaded_irq(irq, handler, thread_fn, flags, kread_cstr(name, 64), dev_id, true),
  free_irq: (irq: number, dev_id: number) => {
    untrack_resource((r) => r.kind === 'irq' && r.name.startsWith(`${irq} (`));
    free_irq(irq, dev_id);
    return 0;
  },
  dma_set_mask: (dev: number, mask: bigint) => { const d = dev_of(dev); return d ? dma_set_mask(d, mask) : -EINVAL; },
  dma_set_coherent_mask: (dev: number, mask: bigint) => { const d = dev_of(dev); return d ? dma_set_coherent_mask(d, mask) : -EINVAL; },
  dma_alloc_attrs: c_dma_alloc_attrs,
  dma_free_attrs: (dev: number, size: number, cpu: number) => { c_dma_free_attrs(cpu, size); },
  // kernel/dma/mapping.c's managed allocations: freed with the device's other resources (dmam_release).
  dmam_alloc_attrs: (dev: number, size: number, handle: number) => {
    const d = dev_of(dev);
    const cpu = d ? c_dma_alloc_attrs(dev, size, handle) : 0;
    if (cpu) devres_add(d!, devres_alloc(() => { c_dma_free_attrs(cpu, size); }, 16, 'dmam_release', cpu));
    return cpu;
  },
  dmam_free_coherent: (dev: number, size: number, cpu: number) => {
    const d = dev_of(dev);
    if (d) devres_remove(d, (n) => n.name === 'dmam_release' && n.data === cpu);
    c_dma_free_attrs(cpu, size);
  },
});

export { c_device_unregister, kread_u64 };
