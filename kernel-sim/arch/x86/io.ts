// Models linux/arch/x86/include/asm/io.h, arch/x86/mm/ioremap.c and lib/iomap.c: ioremap, MMIO accessors (readb..readq, writeb..writeq), ioread/iowrite, memcpy_fromio/toio and port I/O (inb..outl), reaching the hardware models through machine_hw().
import { defineState } from '../../kernel/state.ts';
import { machine_hw } from '../../machine/hardware.ts';
import { account_ns } from '../../kernel/time/timekeeping.ts';

/** Virtual addresses ioremap hands out (the vmalloc area of this kernel, kept below 2^53). */
export const IOREMAP_START = 0x0000_4000_0000_0000;
/** lib/iomap.c: cookies below PIO_RESERVED are port numbers plus PIO_OFFSET. */
export const PIO_OFFSET = 0x10000;
export const PIO_MASK = 0x0ffff;
export const PIO_RESERVED = 0x40000;
/** CPU time one uncached access costs (a PCI round trip). */
const MMIO_ACCESS_NS = 60;
const PIO_ACCESS_NS = 500;

interface iomap_area { virt: number; phys: number; size: number; caller: string }

interface IoState {
  areas: iomap_area[];
  next: number;
  last: iomap_area | null;
}

const ioState = defineState<IoState>('ioremap', () => ({ areas: [], next: IOREMAP_START, last: null }));

/** A fault on an address no mapping covers: the kernel's page-fault Oops. */
export class IoPageFault extends Error {
  constructor(readonly address: number, write: boolean) {
    super(`BUG: unable to handle page fault for address: ${address.toString(16).padStart(16, '0')}\n#PF: supervisor ${write ? 'write' : 'read'} access in kernel mode\n#PF: error_code(0x000${write ? 2 : 0}) - not-present page`);
  }
}

/** ioremap(): maps `size` bytes of physical MMIO space; returns the __iomem cookie (0 when size is 0). */
export function ioremap(phys: number, size: number, caller = 'ioremap'): number {
  if (size <= 0 || phys < 0) return 0;
  const st = ioState();
  const off = phys & 0xfff;
  const base = phys - off;
  const len = Math.ceil((size + off) / 4096) * 4096;
  const area: iomap_area = { virt: st.next, phys: base, size: len, caller };
  st.next += len + 4096; // guard page, as vmalloc leaves one
  st.areas.push(area);
  return area.virt + off;
}
export const ioremap_uc = ioremap;
export const ioremap_wc = ioremap;

/** iounmap(): later accesses through the cookie fault. */
export function iounmap(addr: number): void {
  const st = ioState();
  const i = st.areas.findIndex((a) => addr >= a.virt && addr < a.virt + a.size);
  if (i >= 0) {
    if (st.last === st.areas[i]) st.last = null;
    st.areas.splice(i, 1);
  }
}

/** The mapped areas, for /proc/vmallocinfo-like views and tests. */
export function ioremap_areas(): readonly iomap_area[] {
  return ioState().areas;
}

function translate(addr: number, size: number, write: boolean): number {
  const st = ioState();
  let a = st.last;
  if (!a || addr < a.virt || addr + size > a.virt + a.size) {
    a = st.areas.find((x) => addr >= x.virt && addr + size <= x.virt + x.size) ?? null;
    if (!a) throw new IoPageFault(addr, write);
    st.last = a;
  }
  return a.phys + (addr - a.virt);
}

function mmio_r(addr: number, size: number): number | bigint {
  const phys = translate(addr, size, false);
  account_ns(MMIO_ACCESS_NS);
  const hw = machine_hw();
  if (!hw) return size === 8 ? 0xffffffffffffffffn : size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
  return hw.mmio_read(phys, size);
}

function mmio_w(addr: number, value: number | bigint, size: number): void {
  const phys = translate(addr, size, true);
  account_ns(MMIO_ACCESS_NS);
  machine_hw()?.mmio_write(phys, value, size);
}

export function readb(addr: number): number { return Number(mmio_r(addr, 1)) & 0xff; }
export function readw(addr: number): number { return Number(mmio_r(addr, 2)) & 0xffff; }
export function readl(addr: number): number { return Number(mmio_r(addr, 4)) >>> 0; }
export function readq(addr: number): bigint { return BigInt.asUintN(64, BigInt(mmio_r(addr, 8))); }
export function writeb(value: number, addr: number): void { mmio_w(addr, value & 0xff, 1); }
export function writew(value: number, addr: number): void { mmio_w(addr, value & 0xffff, 2); }
export function writel(value: number, addr: number): void { mmio_w(addr, value >>> 0, 4); }
export function writeq(value: bigint | number, addr: number): void { mmio_w(addr, BigInt.asUintN(64, BigInt(value)), 8); }
export const readb_relaxed = readb, readw_relaxed = readw, readl_relaxed = readl, readq_relaxed = readq;
export const writeb_relaxed = writeb, writew_relaxed = writew, writel_relaxed = writel, writeq_relaxed = writeq;
export const __raw_readl = readl, __raw_writel = writel;

/** Port I/O: the ports of the machine's I/O address space. */
function pio_r(port: number, size: number): number {
  account_ns(PIO_ACCESS_NS);
  const hw = machine_hw();
  if (!hw) return size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
  return hw.io_read(port & 0xffff, size) >>> 0;
}
function pio_w(port: number, value: number, size: number): void {
  account_ns(PIO_ACCESS_NS);
  machine_hw()?.io_write(port & 0xffff, value >>> 0, size);
}
export function inb(port: number): number { return pio_r(port, 1) & 0xff; }
export function inw(port: number): number { return pio_r(port, 2) & 0xffff; }
export function inl(port: number): number { return pio_r(port, 4); }
export function outb(value: number, port: number): void { pio_w(port, value & 0xff, 1); }
export function outw(value: number, port: number): void { pio_w(port, value & 0xffff, 2); }
export function outl(value: number, port: number): void { pio_w(port, value >>> 0, 4); }
export const inb_p = inb, outb_p = outb;

/** ioport_map(): a cookie for ioread/iowrite that reaches I/O ports. */
export function ioport_map(port: number, _nr: number): number {
  if (port > PIO_MASK) return 0;
  return port + PIO_OFFSET;
}
export function ioport_unmap(_addr: number): void { /* nothing to undo */ }

const is_pio = (addr: number) => addr >= PIO_OFFSET && addr < PIO_RESERVED;

/** lib/iomap.c: a cookie that is neither a port nor a mapping gets the "Bad IO access" warning. */
export function ioread8(addr: number): number { return is_pio(addr) ? inb(addr & PIO_MASK) : readb(addr); }
export function ioread16(addr: number): number { return is_pio(addr) ? inw(addr & PIO_MASK) : readw(addr); }
export function ioread32(addr: number): number { return is_pio(addr) ? inl(addr & PIO_MASK) : readl(addr); }
export function ioread64(addr: number): bigint { return readq(addr); }
export function iowrite8(value: number, addr: number): void { if (is_pio(addr)) outb(value, addr & PIO_MASK); else writeb(value, addr); }
export function iowrite16(value: number, addr: number): void { if (is_pio(addr)) outw(value, addr & PIO_MASK); else writew(value, addr); }
export function iowrite32(value: number, addr: number): void { if (is_pio(addr)) outl(value, addr & PIO_MASK); else writel(value, addr); }
export function iowrite64(value: bigint | number, addr: number): void { writeq(value, addr); }

/** memcpy_fromio(): bytes from MMIO into kernel memory, in the widest aligned accesses (as x86's rep movs). */
export function memcpy_fromio(dst: Uint8Array, src: number, count: number): void {
  let i = 0;
  while (i < count) {
    if ((src + i) % 4 === 0 && count - i >= 4) {
      const v = readl(src + i);
      dst[i] = v & 0xff; dst[i + 1] = (v >>> 8) & 0xff; dst[i + 2] = (v >>> 16) & 0xff; dst[i + 3] = v >>> 24;
      i += 4;
    } else { dst[i] = readb(src + i); i++; }
  }
}

/** memcpy_toio(): kernel memory to MMIO. */
export function memcpy_toio(dst: number, src: Uint8Array, count: number): void {
  let i = 0;
  while (i < count) {
    if ((dst + i) % 4 === 0 && count - i >= 4) {
      writel((src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24)) >>> 0, dst + i);
      i += 4;
    } else { writeb(src[i]!, dst + i); i++; }
  }
}

/** memset_io(). */
export function memset_io(dst: number, c: number, count: number): void {
  for (let i = 0; i < count; i++) writeb(c, dst + i);
}
