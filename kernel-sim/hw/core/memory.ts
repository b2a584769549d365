// Models QEMU system/memory.c: MemoryRegions with access rules, and address spaces that dispatch to them.
import { type GuestErrorLog, hex } from './guest-error.ts';

export type AccessValue = number | bigint;

/**
 * A device's MMIO or port-I/O handlers, declared as data like QEMU's
 * MemoryRegionOps. `valid` decides which guest accesses the device accepts;
 * `impl` is what read/write themselves handle (wider or narrower guest
 * accesses are split into impl-sized pieces, little-endian).
 */
export interface MemoryRegionOps {
  read(offset: number, size: number): AccessValue;
  write(offset: number, value: AccessValue, size: number): void;
  valid: {
    min_access_size: number;
    max_access_size: number;
    unaligned?: boolean;
    /** Extra device rule: returns why the access is invalid, or null when it is fine. */
    check?: (offset: number, size: number, is_write: boolean) => string | null;
  };
  impl?: { min_access_size: number; max_access_size: number };
}

/** Who reports misuse of a region: the owner's name and the machine's guest-error log. */
export interface RegionOwner {
  readonly id: string;
  guest_error(kind: 'access' | 'unimplemented', message: string): void;
}

export class MemoryRegion {
  constructor(
    readonly owner: RegionOwner | null,
    /** Shown in guest errors: "BAR0", "serial", "ECAM" ... */
    readonly name: string,
    readonly size: number,
    readonly ops: MemoryRegionOps,
  ) {}
}

export function all_ones(size: number): AccessValue {
  return size === 8 ? 0xffff_ffff_ffff_ffffn : size === 4 ? 0xffff_ffff : (1 << (size * 8)) - 1;
}

function to_big(v: AccessValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v >>> 0 === v ? v : v >>> 0);
}

export function normalize(v: AccessValue, size: number): AccessValue {
  if (size === 8) return BigInt.asUintN(64, to_big(v));
  const n = typeof v === 'bigint' ? Number(BigInt.asUintN(32, v)) : v;
  return size === 4 ? n >>> 0 : n & ((1 << (size * 8)) - 1);
}

const VALID_SIZES = new Set([1, 2, 4, 8]);

function describe_valid(ops: MemoryRegionOps): string {
  const { min_access_size: lo, max_access_size: hi } = ops.valid;
  const sizes = [1, 2, 4, 8].filter((s) => s >= lo && s <= hi);
  return `this region takes ${sizes.join('/')}-byte accesses`;
}

/** memory_region_access_valid(): null when fine, otherwise the reason for the learner. */
export function memory_region_access_valid(mr: MemoryRegion, offset: number, size: number, is_write: boolean): string | null {
  const v = mr.ops.valid;
  if (!VALID_SIZES.has(size) || size < v.min_access_size || size > v.max_access_size) {
    return v.check?.(offset, size, is_write) ?? describe_valid(mr.ops);
  }
  if (!v.unaligned && offset % size !== 0) return `a ${size}-byte access must be ${size}-byte aligned`;
  if (offset + size > mr.size) return `the region is only ${hex(mr.size)} bytes long`;
  return v.check?.(offset, size, is_write) ?? null;
}

function report(mr: MemoryRegion, offset: number, size: number, is_write: boolean, why: string): void {
  mr.owner?.guest_error('access', `${mr.owner.id}: invalid ${size}-byte ${is_write ? 'write' : 'read'} at ${mr.name}+${hex(offset, 2)} (${why})`);
}

/** memory_region_dispatch_read(): checks `valid`, splits into `impl` pieces, returns all ones on a refused access. */
export function memory_region_dispatch_read(mr: MemoryRegion, offset: number, size: number): AccessValue {
  const why = memory_region_access_valid(mr, offset, size, false);
  if (why !== null) {
    report(mr, offset, size, false, why);
    return all_ones(size);
  }
  const impl_max = mr.ops.impl?.max_access_size ?? 8;
  const impl_min = mr.ops.impl?.min_access_size ?? 1;
  if (size >= impl_min && size <= impl_max) return normalize(mr.ops.read(offset, size), size);
  if (size < impl_min) {
    const base = offset - (offset % impl_min);
    const wide = to_big(mr.ops.read(base, impl_min));
    return normalize((wide >> BigInt((offset - base) * 8)) & ((1n << BigInt(size * 8)) - 1n), size);
  }
  let acc = 0n;
  for (let i = 0; i < size; i += impl_max) acc |= to_big(normalize(mr.ops.read(offset + i, impl_max), impl_max)) << BigInt(i * 8);
  return normalize(acc, size);
}

/** memory_region_dispatch_write(): a refused access is dropped and logged. */
export function memory_region_dispatch_write(mr: MemoryRegion, offset: number, value: AccessValue, size: number): void {
  const why = memory_region_access_valid(mr, offset, size, true);
  if (why !== null) {
    report(mr, offset, size, true, why);
    return;
  }
  const impl_max = mr.ops.impl?.max_access_size ?? 8;
  const impl_min = mr.ops.impl?.min_access_size ?? 1;
  const v = normalize(value, size);
  if (size >= impl_min && size <= impl_max) {
    mr.ops.write(offset, v, size);
    return;
  }
  if (size < impl_min) {
    // Read-modify-write of the wider implemented unit.
    const base = offset - (offset % impl_min);
    const shift = BigInt((offset - base) * 8);
    const mask = ((1n << BigInt(size * 8)) - 1n) << shift;
    const old = to_big(mr.ops.read(base, impl_min));
    mr.ops.write(base, normalize((old & ~mask) | (to_big(v) << shift), impl_min), impl_min);
    return;
  }
  const big = to_big(v);
  for (let i = 0; i < size; i += impl_max) {
    mr.ops.write(offset + i, normalize((big >> BigInt(i * 8)) & ((1n << BigInt(impl_max * 8)) - 1n), impl_max), impl_max);
  }
}

export interface FlatRange {
  base: number;
  size: number;
  mr: MemoryRegion;
  /** Higher wins where ranges overlap (QEMU's subregion priority). */
  priority: number;
}

/**
 * An address space (system memory or the 64 KiB I/O port space): a flat view
 * of mapped regions. Accesses that hit nothing read all ones and are dropped,
 * as PCI master aborts do on x86.
 */
export class AddressSpace {
  private ranges: FlatRange[] = [];
  /** Extra mappings computed by a provider (e.g. PCI BARs), refreshed on invalidate(). */
  private providers: Array<() => FlatRange[]> = [];
  private flat: FlatRange[] | null = null;
  /** max(base + size) over flat[0..i]: lets lookup stop scanning back early. */
  private max_end: number[] = [];
  /** Ranges that overlap no other: safe to cache as the last hit. */
  private alone = new Set<FlatRange>();
  private last: FlatRange | null = null;

  constructor(
    readonly name: string,
    readonly size: number,
    private readonly log?: GuestErrorLog,
    private readonly now?: () => number,
  ) {}

  memory_region_add_subregion(base: number, mr: MemoryRegion, priority = 0): void {
    this.ranges.push({ base, size: mr.size, mr, priority });
    this.invalidate();
  }

  memory_region_del_subregion(mr: MemoryRegion): void {
    this.ranges = this.ranges.filter((r) => r.mr !== mr);
    this.invalidate();
  }

  add_provider(p: () => FlatRange[]): void {
    this.providers.push(p);
    this.invalidate();
  }

  /** Recompute the flat view lazily on next access (BAR, command or window changed). */
  invalidate(): void {
    this.flat = null;
    this.last = null;
  }

  /** The flat view sorted by base; higher priority first on equal base. */
  flatview(): FlatRange[] {
    if (!this.flat) {
      const all = [...this.ranges];
      for (const p of this.providers) all.push(...p());
      all.sort((a, b) => a.base - b.base || b.priority - a.priority);
      this.flat = all;
      this.max_end = [];
      this.alone = new Set();
      let m = -Infinity;
      for (let i = 0; i < all.length; i++) {
        const r = all[i]!;
        const next = all[i + 1];
        if (m <= r.base && (!next || next.base >= r.base + r.size)) this.alone.add(r);
        m = Math.max(m, r.base + r.size);
        this.max_end.push(m);
      }
    }
    return this.flat;
  }

  /** Finds the region that decodes `addr` (highest priority among overlaps). */
  lookup(addr: number): FlatRange | null {
    const l = this.last;
    if (l && addr >= l.base && addr < l.base + l.size) return l;
    const fv = this.flatview();
    let best: FlatRange | null = null;
    // Binary search the last range with base <= addr, then scan back for overlaps.
    let lo = 0;
    let hi = fv.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fv[mid]!.base <= addr) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = idx; i >= 0 && this.max_end[i]! > addr; i--) {
      const r = fv[i]!;
      if (addr < r.base + r.size && (!best || r.priority > best.priority)) best = r;
    }
    // Cache only a range nothing else overlaps.
    if (best && this.alone.has(best)) this.last = best;
    return best;
  }

  private unassigned(addr: number, size: number, is_write: boolean): void {
    this.log?.log({
      device: this.name,
      kind: 'access',
      message: `${this.name}: ${size}-byte ${is_write ? 'write to' : 'read from'} ${hex(addr)} hits no device (${is_write ? 'dropped' : 'reads all ones'})`,
      time_ns: this.now?.() ?? 0,
    });
  }

  read(addr: number, size: number): AccessValue {
    const r = this.lookup(addr);
    if (!r || addr + size > r.base + r.size) {
      this.unassigned(addr, size, false);
      return all_ones(size);
    }
    return memory_region_dispatch_read(r.mr, addr - r.base, size);
  }

  write(addr: number, value: AccessValue, size: number): void {
    const r = this.lookup(addr);
    if (!r || addr + size > r.base + r.size) {
      this.unassigned(addr, size, true);
      return;
    }
    memory_region_dispatch_write(r.mr, addr - r.base, value, size);
  }
}

export function address_space_read(as: AddressSpace, addr: number, size: number): AccessValue {
  return as.read(addr, size);
}

export function address_space_write(as: AddressSpace, addr: number, value: AccessValue, size: number): void {
  as.write(addr, value, size);
}
