// Models linux/kernel/dma/mapping.c, direct.c and swiotlb.c: DMA masks, coherent buffers in simulated RAM, streaming mappings (bounce buffers), and the mapping records the hardware consults before a device touches RAM.
//
// A coherent buffer is one memory: kernel pages (what the driver's CPU address points at) that the machine's RAM
// maps at the buffer's bus address (hw/core/ram.ts RAMWindows), as a real machine's RAM is both. Neither side copies.
import type { device } from '../../drivers/base/base.ts';
import { EIO } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../state.ts';
import { hwState, machine_hw } from '../../machine/hardware.ts';
import { pr_err } from '../printk/printk.ts';
import { trace_enabled, trace_event } from '../trace/trace.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import type { PCIDevice, DMADirection } from '../../hw/pci/pci.ts';
import type { RAMWindows } from '../../hw/core/ram.ts';
import { alloc_pages_exact, free_pages_exact, kbytes } from '../../mm/kmem.ts';

export const DMA_BIDIRECTIONAL = 0, DMA_TO_DEVICE = 1, DMA_FROM_DEVICE = 2, DMA_NONE = 3;
export type dma_data_direction = 0 | 1 | 2 | 3;
export const DMA_MAPPING_ERROR = 0xffffffffffff; // ~(dma_addr_t)0 as far as a JS number can say it
const dir_names = ['DMA_BIDIRECTIONAL', 'DMA_TO_DEVICE', 'DMA_FROM_DEVICE', 'DMA_NONE'];

/** DMA_BIT_MASK(n). */
export function DMA_BIT_MASK(n: number): bigint {
  return n >= 64 ? 0xffffffffffffffffn : (1n << BigInt(n)) - 1n;
}

/** The pool dma-direct allocates from: RAM below the kernel image, inside every 28-bit mask. */
const POOL_START = 0x02000000;
const POOL_END = 0x0de00000;
const PAGE = 4096;

export interface dma_mapping {
  dev: device;
  dma_addr: number;
  size: number;
  dir: dma_data_direction;
  kind: 'coherent' | 'single';
  /** The driver's buffer behind a streaming mapping (bounced through RAM at dma_addr, unless direct). */
  buf: Uint8Array | null;
  /** A streaming mapping of whole pages: the driver's pages are what RAM holds at dma_addr (dma-direct), nothing is copied. */
  direct: boolean;
  /** Kernel address of a coherent buffer's pages (0 for streaming mappings). */
  cpu_addr: number;
}

interface DmaState {
  masks: WeakMap<device, { dma_mask: bigint; coherent_dma_mask: bigint }>;
  /** Free page ranges [start, end) of the pool, sorted. */
  free: [number, number][];
  /** Single pool pages streaming mappings gave back, kept for the next one (swiotlb's slots): a bounce page keeps its RAM page, a direct one has none. O(1) where the ranges would split and join on every request. */
  bounce_pages: number[];
  direct_pages: number[];
  /** The mapping each pool page belongs to, by page number from POOL_START (mappings are whole pages of the pool and never overlap): what a device access looks up. */
  by_page: (dma_mapping | undefined)[];
  /** Hardware function key ("seg:bus:devfn") of a kernel device, set by its bus. */
  keys: WeakMap<device, () => string>;
  /** The hardware function each kernel device was found to be (keys equal) at an earlier access, and its bus number then: a disk's DMA is checked several times per request. */
  verified: WeakMap<device, { hw: PCIDevice; bus: number }>;
  /** The mapping a device last passed the check for, with the bus number then: a virtqueue's ring is read and written several times per request. */
  last_ok: dma_mapping | null;
  last_hw: PCIDevice | null;
  last_bus: number;
  faults: number;
}

export const dmaState = defineState<DmaState>('dma', () => ({
  masks: new WeakMap(), free: [[POOL_START, POOL_END]], bounce_pages: [], direct_pages: [], by_page: new Array<dma_mapping | undefined>((POOL_END - POOL_START) / PAGE).fill(undefined), keys: new WeakMap(), verified: new WeakMap(), last_ok: null, last_hw: null, last_bus: -1, faults: 0,
}));

/** The bus tells the DMA layer which hardware function a device is (pci: segment, bus, devfn). */
export function dma_set_device_key(dev: device, key: () => string): void {
  dmaState().keys.set(dev, key);
}

function masks(dev: device) {
  const st = dmaState();
  let m = st.masks.get(dev);
  if (!m) { m = { dma_mask: DMA_BIT_MASK(32), coherent_dma_mask: DMA_BIT_MASK(32) }; st.masks.set(dev, m); }
  return m;
}

export function dma_get_mask(dev: device): bigint { return masks(dev).dma_mask; }
export function dma_get_coherent_mask(dev: device): bigint { return masks(dev).coherent_dma_mask; }

/** dma_supported(): the direct mapping needs the mask to reach the pool (at least 24 bits here: ZONE_DMA). */
function dma_supported(mask: bigint): boolean {
  return mask >= DMA_BIT_MASK(24);
}

export function dma_set_mask(dev: device, mask: bigint | number): number {
  const m = BigInt(mask);
  if (!dma_supported(m)) return -EIO;
  masks(dev).dma_mask = m;
  return 0;
}
export function dma_set_coherent_mask(dev: device, mask: bigint | number): number {
  const m = BigInt(mask);
  if (!dma_supported(m)) return -EIO;
  masks(dev).coherent_dma_mask = m;
  return 0;
}
export function dma_set_mask_and_coherent(dev: device, mask: bigint | number): number {
  const r = dma_set_mask(dev, mask);
  return r ? r : dma_set_coherent_mask(dev, mask);
}

/** Page allocation from the pool below `mask` (first fit); the single pages streaming mappings keep go back to the ranges when nothing else fits. */
function pool_alloc(size: number, mask: bigint): number | null {
  const a = pool_alloc_ranges(size, mask);
  if (a !== null) return a;
  const st = dmaState();
  if (!st.bounce_pages.length && !st.direct_pages.length) return null;
  for (const pg of st.bounce_pages.splice(0)) pool_free(pg, PAGE);
  for (const pg of st.direct_pages.splice(0)) pool_free(pg, PAGE);
  return pool_alloc_ranges(size, mask);
}

function pool_alloc_ranges(size: number, mask: bigint): number | null {
  const st = dmaState();
  const len = Math.ceil(size / PAGE) * PAGE;
  // The pool lies far below 2^53, so the mask compares as a number (no BigInt per free range).
  const limit = mask >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(mask);
  for (let i = 0; i < st.free.length; i++) {
    const r = st.free[i]!, s = r[0], e = r[1];
    if (e - s < len || s + len - 1 > limit) continue;
    if (s + len === e) st.free.splice(i, 1);
    else r[0] = s + len;
    return s;
  }
  return null;
}

/** Gives pages back: the range goes in its sorted place, joined with the free ranges it touches. */
function pool_free(addr: number, size: number): void {
  const free = dmaState().free;
  const end = addr + Math.ceil(size / PAGE) * PAGE;
  let lo = 0, hi = free.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (free[mid]![0] < addr) lo = mid + 1; else hi = mid; }
  const prev = free[lo - 1], next = free[lo];
  if (prev && prev[1] === addr && next && next[0] === end) { prev[1] = next[1]; free.splice(lo, 1); }
  else if (prev && prev[1] === addr) prev[1] = end;
  else if (next && next[0] === end) next[0] = addr;
  else free.splice(lo, 0, [addr, end]);
}

/** A streaming mapping's pool pages: one page from the kept ones of its kind when it fits in one and lies below the mask. */
function stream_alloc(st: DmaState, size: number, mask: bigint, direct: boolean): number | null {
  const kept = direct ? st.direct_pages : st.bounce_pages;
  if (size <= PAGE && kept.length) {
    const a = kept[kept.length - 1]!;
    if (mask >= 0xffffffffn || BigInt(a + PAGE - 1) <= mask) { kept.pop(); return a; }
  }
  return pool_alloc(size, mask);
}

function stream_free(st: DmaState, m: dma_mapping): void {
  if (m.size <= PAGE) (m.direct ? st.direct_pages : st.bounce_pages).push(m.dma_addr);
  else pool_free(m.dma_addr, m.size);
}

function add_mapping(m: dma_mapping): void {
  const st = dmaState();
  for (let a = m.dma_addr; a < m.dma_addr + m.size; a += PAGE) st.by_page[(a - POOL_START) / PAGE] = m;
}

function remove_mapping(m: dma_mapping): void {
  const st = dmaState();
  if (st.last_ok === m) st.last_ok = null;
  for (let a = m.dma_addr; a < m.dma_addr + m.size; a += PAGE) st.by_page[(a - POOL_START) / PAGE] = undefined;
}

/** The mapping whose pages hold bus address `addr`, if any. */
function mapping_at(addr: number): dma_mapping | undefined {
  return addr >= POOL_START && addr < POOL_END ? dmaState().by_page[Math.floor((addr - POOL_START) / PAGE)] : undefined;
}

function ram_write(addr: number, data: Uint8Array): void {
  machine_hw()?.ram.write(addr, data);
}

/** A coherent buffer: kernel pages at cpu_addr that the device sees at dma_handle (the same bytes). */
export class dma_coherent_buf {
  constructor(readonly dma_handle: number, readonly size: number, readonly cpu_addr: number) {}
  read(off: number, len: number): Uint8Array {
    if (off < 0 || off + len > this.size) throw new RangeError(`dma buffer access [${off}, ${off + len}) outside its ${this.size} bytes`);
    return kbytes().slice(this.cpu_addr + off, this.cpu_addr + off + len);
  }
  write(off: number, data: Uint8Array): void {
    if (off < 0 || off + data.length > this.size) throw new RangeError(`dma buffer access [${off}, ${off + data.length}) outside its ${this.size} bytes`);
    kbytes().set(data, this.cpu_addr + off);
  }
  fill(v: number): void { kbytes().fill(v, this.cpu_addr, this.cpu_addr + this.size); }
}

/** Page-owner tag of coherent DMA pages in the kernel memory. */
const PAGE_OWNER_DMA = 4;

/** The machine's RAM, when it can map kernel pages (a machine without devices has none to share them with). */
function ram_windows(): RAMWindows | null {
  const ram = machine_hw()?.ram as (Partial<RAMWindows> & object) | undefined;
  return ram && typeof ram.map_window === 'function' ? (ram as RAMWindows) : null;
}

/**
 * dma_alloc_coherent(): zeroed kernel pages, mapped into RAM below the device's
 * coherent mask; the returned buffer carries both addresses. null on failure.
 */
export function dma_alloc_coherent(dev: device, size: number): dma_coherent_buf | null {
  if (size <= 0) return null;
  const addr = pool_alloc(size, masks(dev).coherent_dma_mask);
  if (addr === null) return null;
  const len = Math.ceil(size / PAGE) * PAGE;
  const cpu = alloc_pages_exact(len, PAGE_OWNER_DMA);
  if (!cpu) { pool_free(addr, len); return null; }
  ram_windows()?.map_window(addr, kbytes().subarray(cpu, cpu + len));
  add_mapping({ dev, dma_addr: addr, size: len, dir: DMA_BIDIRECTIONAL, kind: 'coherent', buf: null, direct: false, cpu_addr: cpu });
  trace_event('dma', 'dma_alloc', { dev: dev.kobj?.name ?? '', dma_addr: addr, size });
  return new dma_coherent_buf(addr, size, cpu);
}

function find_mapping(dev: device, dma_addr: number, kind: 'coherent' | 'single'): dma_mapping | undefined {
  const m = mapping_at(dma_addr);
  return m && m.dev === dev && m.dma_addr === dma_addr && m.kind === kind ? m : undefined;
}

/** dma_free_coherent(). Freeing what was never allocated is the DMA-API debug warning. */
export function dma_free_coherent(dev: device, size: number, buf: dma_coherent_buf | null): void {
  if (!buf) return;
  const m = find_mapping(dev, buf.dma_handle, 'coherent');
  if (!m) {
    __warn('kernel/dma/debug.c', 1030, 'check_unmap', `DMA-API: ${dev.kobj?.name ?? '?'}: device driver tries to free DMA memory it has not allocated [device address=0x${buf.dma_handle.toString(16).padStart(16, '0')}] [size=${size} bytes]`, ['dma_free_coherent']);
    return;
  }
  remove_mapping(m);
  ram_windows()?.unmap_window(m.dma_addr, m.size);
  free_pages_exact(m.cpu_addr);
  pool_free(m.dma_addr, m.size);
}

/**
 * dma_map_single(): maps a driver buffer for one transfer. Whole pages are
 * mapped directly (dma-direct: RAM at the bus address is the driver's pages,
 * so the device reads and writes them in place); anything else is a bounce
 * copy in RAM (as swiotlb does): to the device it is copied now, from the
 * device it is copied back at unmap or sync_for_cpu. (RAM can alias only
 * whole pages of another memory, so a part of a page is bounced.)
 */
export function dma_map_single(dev: device, buf: Uint8Array, size: number, dir: dma_data_direction): number {
  if (dir === DMA_NONE || size <= 0 || size > buf.length) return DMA_MAPPING_ERROR;
  const st = dmaState(), windows = size % PAGE === 0 ? ram_windows() : null;
  const addr = stream_alloc(st, size, masks(dev).dma_mask, windows !== null);
  if (addr === null) {
    pr_err(`${dev.kobj?.name ?? 'device'}: swiotlb buffer is full (sz: ${size} bytes), total 32768 (slots), used 0 (slots)`);
    return DMA_MAPPING_ERROR;
  }
  if (windows) windows.map_window(addr, size === buf.length ? buf : buf.subarray(0, size));
  else if (dir === DMA_TO_DEVICE || dir === DMA_BIDIRECTIONAL) ram_write(addr, buf.subarray(0, size));
  add_mapping({ dev, dma_addr: addr, size, dir, kind: 'single', buf, direct: windows !== null, cpu_addr: 0 });
  if (trace_enabled('dma', 'dma_map')) trace_event('dma', 'dma_map', { dev: dev.kobj?.name ?? '', dma_addr: addr, size, dir: dir_names[dir] });
  return addr;
}

export function dma_mapping_error(_dev: device, dma_addr: number): number {
  return dma_addr === DMA_MAPPING_ERROR ? -12 : 0;
}

function sync_for_cpu(m: dma_mapping): void {
  // The bounce buffer is copied straight into the driver's (no buffer in between: one copy per request, as swiotlb_bounce).
  if (m.buf && !m.direct && (m.dir === DMA_FROM_DEVICE || m.dir === DMA_BIDIRECTIONAL)) {
    const ram = machine_hw()?.ram, dst = m.buf.subarray(0, m.size);
    if (ram) ram.read_into(m.dma_addr, dst); else dst.fill(0);
  }
}

/** dma_unmap_single(): ends the mapping; data the device wrote reaches the driver's buffer. */
export function dma_unmap_single(dev: device, dma_addr: number, size: number, dir: dma_data_direction): void {
  const m = find_mapping(dev, dma_addr, 'single');
  if (!m) {
    __warn('kernel/dma/debug.c', 1030, 'check_unmap', `DMA-API: ${dev.kobj?.name ?? '?'}: device driver tries to free DMA memory it has not allocated [device address=0x${dma_addr.toString(16).padStart(16, '0')}] [size=${size} bytes]`, ['dma_unmap_single']);
    return;
  }
  if (m.dir !== dir) {
    __warn('kernel/dma/debug.c', 1083, 'check_unmap', `DMA-API: ${dev.kobj?.name ?? '?'}: device driver frees DMA memory with different direction [device address=0x${dma_addr.toString(16).padStart(16, '0')}] [size=${size} bytes] [mapped with ${dir_names[m.dir]}] [unmapped with ${dir_names[dir]}]`, ['dma_unmap_single']);
  }
  sync_for_cpu(m);
  remove_mapping(m);
  if (m.direct) ram_windows()?.unmap_window(m.dma_addr, m.size);
  stream_free(dmaState(), m);
}

export function dma_sync_single_for_cpu(dev: device, dma_addr: number, _size: number, _dir: dma_data_direction): void {
  const m = mapping_at(dma_addr);
  if (m?.dev === dev) sync_for_cpu(m);
}

export function dma_sync_single_for_device(dev: device, dma_addr: number, _size: number, _dir: dma_data_direction): void {
  const m = mapping_at(dma_addr);
  if (m?.dev === dev && m.buf && !m.direct && (m.dir === DMA_TO_DEVICE || m.dir === DMA_BIDIRECTIONAL)) ram_write(m.dma_addr, m.buf.subarray(0, m.size));
}

/** Mappings a device still holds, by bus address (for leak checks when a driver unbinds): found in the page table, so making and ending a mapping (one per streaming transfer) keeps no second index. */
export function dma_mappings_of(dev: device): readonly dma_mapping[] {
  const out: dma_mapping[] = [];
  for (const m of dmaState().by_page) if (m !== undefined && m.dev === dev && out[out.length - 1] !== m) out.push(m);
  return out;
}

const hw_bus_num = (hwdev: PCIDevice): number => (hwdev.bus as { bus_num?: () => number } | null)?.bus_num?.() ?? 0;

/** Whether kernel device `dev` is this hardware function (segment:bus:devfn keys equal); remembered until the function's bus number changes (a replugged function is a new kernel device). */
function same_function(st: DmaState, dev: device, hwdev: PCIDevice): boolean {
  const bus = hw_bus_num(hwdev), v = st.verified.get(dev);
  if (v !== undefined && v.hw === hwdev && v.bus === bus) return true;
  const host = (hwdev.bus as { root_host?: () => { segment?: number } | null } | null)?.root_host?.();
  if (st.keys.get(dev)?.() !== `${host?.segment ?? 0}:${bus}:${hwdev.devfn}`) return false;
  st.verified.set(dev, { hw: hwdev, bus });
  return true;
}

/** What the hardware asks before a device reads or writes RAM: is [addr, addr+len) mapped for it, in that direction? */
export function dma_check_device_access(addr: number, len: number, dir: DMADirection, hwdev: PCIDevice): boolean {
  const st = dmaState();
  // Mappings never overlap: only the one holding addr's page can cover the access.
  const m = mapping_at(addr);
  let ok = m !== undefined && addr >= m.dma_addr && addr + len <= m.dma_addr + m.size
    && (m.dir === DMA_BIDIRECTIONAL || (dir === 'to_device') === (m.dir === DMA_TO_DEVICE));
  if (ok) {
    const bus = hw_bus_num(hwdev);
    ok = (m === st.last_ok && hwdev === st.last_hw && bus === st.last_bus) || same_function(st, m!.dev, hwdev);
    if (ok) { st.last_ok = m!; st.last_hw = hwdev; st.last_bus = bus; }
  }
  if (!ok) {
    st.faults++;
    const bdf = `${hw_bus_num(hwdev).toString(16).padStart(2, '0')}:${(hwdev.devfn >> 3).toString(16).padStart(2, '0')}.${hwdev.devfn & 7}`;
    pr_err(`DMAR: [DMA ${dir === 'to_device' ? 'Read' : 'Write'} NO_PASID] Request device [${bdf}] fault addr 0x${addr.toString(16)} [fault reason 0x0${dir === 'to_device' ? 6 : 5}] PTE ${dir === 'to_device' ? 'Read' : 'Write'} access is not set`);
    trace_event('dma', 'dma_fault', { device: bdf, addr, len, dir });
  }
  return ok;
}

/** dma_direct_init: the kernel's check replaces the hardware's allow-all default. */
export function dma_api_init(): number {
  hwState().dma_check = dma_check_device_access;
  return 0;
}
