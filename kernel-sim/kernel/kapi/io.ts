// Models arch/x86/mm/ioremap.c, lib/iomap.c, lib/devres.c and kernel/resource.c for modules: ioremap, port I/O, the _rep and big-endian accessors, request_region and their devm_ forms.
//
// ioremap hands out the same 32-bit __iomem cookies as pci_iomap (kapi/pci.ts), so ioread32/readl work on either;
// port numbers go to arch/x86/io.ts directly, as inb/outb are instructions on x86. The C `struct resource` that
// __request_region returns is a copy in the kernel memory of the resource kernel-sim inserted in its tree.
import { ioremap, iounmap, inb, inw, inl, outb, outw, outl, ioport_map, ioread8, ioread16, ioread32, iowrite8, iowrite16, iowrite32, readq, writeq } from '../../arch/x86/io.ts';
import { __request_region, __release_region, ioport_resource, iomem_resource, type resource } from '../resource.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { ksymbol, kread_cstr, kread_u8, kread_u16, kread_u32, kwrite_u8, kwrite_u16, kwrite_u32, kwrite_cstr } from '../../mm/kmem.ts';
import { struct_resource } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { map_cookie, unmap_cookie, io_addr, rd, wr } from './pci.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';
import { c_device } from './device.ts';
import { devres_add, devres_alloc, devres_release } from '../../drivers/base/devres.ts';
import { dev_name, dev_err } from '../../drivers/base/core.ts';
import type { device } from '../../drivers/base/base.ts';
import { format_resource } from '../../drivers/base/platform.ts';
import { EBUSY, EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';

const num = (v: bigint | number): number => Number(BigInt.asUintN(53, BigInt(v)));

function c_ioremap(phys: bigint | number, size: number): number {
  const a = ioremap(num(phys), size >>> 0, 'ioremap');
  return a ? map_cookie(a, size >>> 0) : 0;
}

function c_iounmap(cookie: number): void {
  const a = unmap_cookie(cookie);
  if (a !== null) iounmap(a);
}

/** The accessor's byte swap for the *be variants (x86 is little-endian). */
const swab16 = (v: number): number => ((v & 0xff) << 8) | ((v >> 8) & 0xff);
const swab32 = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

/** ioread*_rep / iowrite*_rep: `count` accesses to one register, from or to a buffer (FIFOs). */
function rep_in(read: (c: number) => number, put: (a: number, v: number) => void, size: number) {
  return (cookie: number, buf: number, count: number): void => { for (let i = 0; i < count >>> 0; i++) put(buf + i * size, read(cookie)); };
}
function rep_out(write: (v: number, c: number) => void, get: (a: number) => number, size: number) {
  return (cookie: number, buf: number, count: number): void => { for (let i = 0; i < count >>> 0; i++) write(get(buf + i * size), cookie); };
}

interface c_resources { held: Map<number, resource> }
const cres = defineState<c_resources>('kapi-io-resources', () => ({ held: new Map() }));

/** The C view of a root resource: its range and name, filled once per boot. */
function root_symbol(name: 'ioport_resource' | 'iomem_resource', r: resource): number {
  return ksymbol(name, struct_resource.SIZE, (a) => {
    const v = new struct_resource(a);
    v.start = r.start; v.end = r.end; v.flags = r.flags;
    v.name = ksymbol(`${name}.name`, r.name.length + 1, (n) => kwrite_cstr(n, r.name));
  });
}

function parent_of(p: number): resource | null {
  if (p === root_symbol('ioport_resource', ioport_resource())) return ioport_resource();
  if (p === root_symbol('iomem_resource', iomem_resource())) return iomem_resource();
  return cres().held.get(p) ?? null;
}

function c_request_region(parent: number, start: bigint | number, n: bigint | number, name: number, flags: number): number {
  const root = parent_of(parent);
  if (!root) return 0;
  const label = name ? kread_cstr(name, 64) : '';
  const r = __request_region(root, num(start), num(n), label, flags);
  if (!r) return 0;
  const a = kmalloc(struct_resource.SIZE, __GFP_ZERO);
  disown(a);
  const v = new struct_resource(a);
  v.start = r.start; v.end = r.end; v.flags = r.flags; v.name = name;
  cres().held.set(a, r);
  const kind = root === ioport_resource() ? 'I/O port region' : 'memory region';
  track_resource(kind, `${r.start.toString(16)}-${r.end.toString(16)} ${label}`);
  return a;
}

function c_release_region(parent: number, start: bigint | number, n: bigint | number): void {
  const root = parent_of(parent);
  if (!root) return;
  const s = num(start), e = s + num(n) - 1;
  __release_region(root, s, num(n));
  const st = cres();
  for (const [a, r] of st.held) {
    if (r.start === s && r.end === e) { st.held.delete(a); kfree(a); break; }
  }
  untrack_resource((x) => x.name.startsWith(`${s.toString(16)}-${e.toString(16)} `));
}


// ---- lib/devres.c: the managed forms, released when the driver unbinds ------------------

/** A cookie mapped for `dev`, unmapped by devres (devm_ioremap_release). */
function devm_map(dev: number, cookie: number, name: string): number {
  const d = c_device(dev);
  if (!cookie || !d) return cookie;
  devres_add(d, devres_alloc(() => c_iounmap(cookie), 0, name, cookie));
  return cookie;
}

/** devm_iounmap()/devm_ioport_unmap(): unmap now and drop the devres entry. */
function devm_unmap(dev: number, cookie: number, name: string): void {
  const d = c_device(dev);
  if (d) devres_release(d, (n) => n.name === name && n.data === cookie);
}

/** __devm_request_region(): the region, released with the device's other resources (devm_region_release). */
function c_devm_request_region(dev: number, parent: number, start: bigint | number, n: bigint | number, name: number): number {
  const d = c_device(dev);
  const r = c_request_region(parent, start, n, name, 0);
  if (r && d) devres_add(d, devres_alloc(() => c_release_region(parent, start, n), 0, 'devm_region_release'));
  return r;
}

/** devm_ioremap_resource(): check the resource, request it under the device's name, map it; ERR_PTR on failure with lib/devres.c's messages. */
function c_devm_ioremap_resource(dev: number, res: number): number {
  const d: device | null = c_device(dev);
  if (!d) return (-EINVAL) >>> 0;
  const v = res ? new struct_resource(res) : null;
  const flags = v ? Number(v.flags) : 0;
  if (!v || (flags & 0x1f00) !== 0x200) { dev_err(d, 'invalid resource'); return (-EINVAL) >>> 0; }
  const start = num(v.start), size = num(v.end) - start + 1;
  const name = v.name ? kread_cstr(v.name, 64) : dev_name(d);
  const label = ksymbol(`devm-res:${dev_name(d)}:${start}`, name.length + 1, (a) => kwrite_cstr(a, name));
  const region = c_request_region(root_symbol('iomem_resource', iomem_resource()), start, size, label, 0);
  if (!region) {
    dev_err(d, `can't request region for resource ${format_resource({ start, end: start + size - 1, flags: 0x200 })}`);
    return (-EBUSY) >>> 0;
  }
  devres_add(d, devres_alloc(() => c_release_region(root_symbol('iomem_resource', iomem_resource()), start, size), 0, 'devm_region_release'));
  const cookie = c_ioremap(start, size);
  if (!cookie) return (-ENOMEM) >>> 0;
  return devm_map(dev, cookie, 'devm_ioremap_release');
}

/** check_signature(): do the bytes at the MMIO address read as `signature`? */
function c_check_signature(cookie: number, sig: number, len: number): number {
  for (let i = 0; i < len; i++) if (rd(ioread8)(cookie + i) !== kread_u8(sig + i)) return 0;
  return 1;
}

export const ksymtab = [
  ...EXPORT_KAPI({
    ioremap: c_ioremap, ioremap_wc: c_ioremap, ioremap_uc: c_ioremap, ioremap_cache: c_ioremap, iounmap: c_iounmap,
    inb, inw, inl,
    outb: (v: number, port: number) => outb(v, port), outw: (v: number, port: number) => outw(v, port), outl: (v: number, port: number) => outl(v, port),
    ioport_map: (port: number, nr: number) => { const a = ioport_map(port, nr); return a ? map_cookie(a, Math.max(nr, 1)) : 0; },
    ioport_unmap: (cookie: number) => { unmap_cookie(cookie); },
    ioread16be: (c: number) => swab16(rd(ioread16)(c)), ioread32be: (c: number) => swab32(rd(ioread32)(c)),
    iowrite16be: (v: number, c: number) => wr(iowrite16)(swab16(v), c), iowrite32be: (v: number, c: number) => wr(iowrite32)(swab32(v), c),
    readq: (c: number) => { const a = io_addr(c); return a === null ? -1n : readq(a); },
    writeq: (v: bigint, c: number) => { const a = io_addr(c); if (a !== null) writeq(v, a); },
    ioread64: (c: number) => { const a = io_addr(c); return a === null ? -1n : readq(a); },
    iowrite64: (v: bigint, c: number) => { const a = io_addr(c); if (a !== null) writeq(v, a); },
    ioread8_rep: rep_in(rd(ioread8), kwrite_u8, 1), ioread16_rep: rep_in(rd(ioread16), kwrite_u16, 2), ioread32_rep: rep_in(rd(ioread32), kwrite_u32, 4),
    iowrite8_rep: rep_out(wr(iowrite8), kread_u8, 1), iowrite16_rep: rep_out(wr(iowrite16), kread_u16, 2), iowrite32_rep: rep_out(wr(iowrite32), kread_u32, 4),
    memcpy_fromio: (dst: number, c: number, n: number) => { for (let i = 0; i < n >>> 0; i++) kwrite_u8(dst + i, rd(ioread8)(c + i)); },
    memcpy_toio: (c: number, src: number, n: number) => { for (let i = 0; i < n >>> 0; i++) wr(iowrite8)(kread_u8(src + i), c + i); },
    memset_io: (c: number, v: number, n: number) => { for (let i = 0; i < n >>> 0; i++) wr(iowrite8)(v & 0xff, c + i); },
    __request_region: c_request_region, __release_region: c_release_region,
    __devm_request_region: c_devm_request_region, devm_ioremap_resource: c_devm_ioremap_resource, check_signature: c_check_signature,
    devm_ioremap: (dev: number, off: bigint | number, size: number) => devm_map(dev, c_ioremap(off, size), 'devm_ioremap_release'),
    devm_ioremap_uc: (dev: number, off: bigint | number, size: number) => devm_map(dev, c_ioremap(off, size), 'devm_ioremap_release'),
    devm_ioremap_wc: (dev: number, off: bigint | number, size: number) => devm_map(dev, c_ioremap(off, size), 'devm_ioremap_release'),
    devm_iounmap: (dev: number, cookie: number) => devm_unmap(dev, cookie, 'devm_ioremap_release'),
    devm_ioport_map: (dev: number, port: number, nr: number) => {
      const a = ioport_map(port, nr);
      return devm_map(dev, a ? map_cookie(a, Math.max(nr, 1)) : 0, 'devm_ioport_map_release');
    },
    devm_ioport_unmap: (dev: number, cookie: number) => devm_unmap(dev, cookie, 'devm_ioport_map_release'),
    /** devm_ioremap_release(dev, res): the devres release callback itself; res holds the cookie. */
    devm_ioremap_release: (_dev: number, res: number) => c_iounmap(kread_u32(res)),
  }),
  EXPORT_KDATA('ioport_resource', () => root_symbol('ioport_resource', ioport_resource())),
  EXPORT_KDATA('iomem_resource', () => root_symbol('iomem_resource', iomem_resource())),
];
