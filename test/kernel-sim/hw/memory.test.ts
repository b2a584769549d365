// Memory regions and address spaces (QEMU memory API semantics) and the virtual-time test clock.
import { describe, expect, it } from 'vitest';
import { AddressSpace, MemoryRegion, type RegionOwner } from '../../../kernel-sim/hw/core/memory.ts';
import { GuestErrorLog } from '../../../kernel-sim/hw/core/guest-error.ts';
import { TestClock } from '../../../kernel-sim/hw/core/test-clock.ts';
import { SparseRAM } from '../../../kernel-sim/hw/core/ram.ts';
import { unimplemented_region } from '../../../kernel-sim/hw/pci/pci.ts';

function regs(log: GuestErrorLog, name: string, size: number, impl?: { min_access_size: number; max_access_size: number }) {
  const store = new Uint8Array(size);
  const calls: string[] = [];
  const owner: RegionOwner = { id: name, guest_error: (kind, message) => log.log({ device: name, kind, message, time_ns: 0 }) };
  const mr = new MemoryRegion(owner, name, size, {
    read: (off, sz) => {
      calls.push(`r${sz}@${off}`);
      let v = 0n;
      for (let i = sz - 1; i >= 0; i--) v = (v << 8n) | BigInt(store[off + i]!);
      return sz === 8 ? v : Number(v);
    },
    write: (off, val, sz) => {
      calls.push(`w${sz}@${off}`);
      const v = BigInt(val);
      for (let i = 0; i < sz; i++) store[off + i] = Number((v >> BigInt(8 * i)) & 0xffn);
    },
    valid: { min_access_size: 1, max_access_size: 8 },
    ...(impl ? { impl } : {}),
  });
  return { mr, store, calls };
}

describe('memory regions', () => {
  it('an unimplemented device reads zero, drops writes and reports each access as unimplemented (QEMU unimp.c)', () => {
    const log = new GuestErrorLog();
    const as = new AddressSpace('mem', 1 << 20, log);
    const owner: RegionOwner = { id: 'vga', guest_error: (kind, message) => log.log({ device: 'vga', kind, message, time_ns: 0 }) };
    as.memory_region_add_subregion(0x4000, unimplemented_region(owner, 'BAR2', 0x1000));
    expect(as.read(0x4010, 4)).toBe(0);
    as.write(0x4020, 0xab, 1);
    expect(as.read(0x4020, 1)).toBe(0);
    expect(log.entries.map((e) => [e.kind, e.message])).toEqual([
      ['unimplemented', 'BAR2: unimplemented device read (size 4, offset 0x10)'],
      ['unimplemented', 'BAR2: unimplemented device write (size 1, offset 0x20), value 0xab'],
      ['unimplemented', 'BAR2: unimplemented device read (size 1, offset 0x20)'],
    ]);
  });

  it('accesses wider than impl.max are split little-endian', () => {
    const log = new GuestErrorLog();
    const as = new AddressSpace('mem', 1 << 20, log);
    const r = regs(log, 'r', 16, { min_access_size: 1, max_access_size: 4 });
    as.memory_region_add_subregion(0x1000, r.mr);
    as.write(0x1000, 0x1122334455667788n, 8);
    expect(r.calls).toEqual(['w4@0', 'w4@4']);
    expect(Array.from(r.store.slice(0, 8))).toEqual([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
    expect(as.read(0x1000, 8)).toBe(0x1122334455667788n);
  });

  it('accesses narrower than impl.min read (and read-modify-write) the wider unit', () => {
    const log = new GuestErrorLog();
    const as = new AddressSpace('mem', 1 << 20, log);
    const r = regs(log, 'r', 16, { min_access_size: 4, max_access_size: 4 });
    as.memory_region_add_subregion(0, r.mr);
    as.write(0, 0xaabbccdd, 4);
    expect(as.read(2, 1)).toBe(0xbb);
    as.write(1, 0x11, 1);
    expect(as.read(0, 4)).toBe(0xaabb11dd);
  });

  it('overlapping regions: the higher priority wins; unassigned addresses read all ones and are logged', () => {
    const log = new GuestErrorLog();
    const as = new AddressSpace('mem', 1 << 20, log);
    const low = regs(log, 'low', 0x1000);
    const high = regs(log, 'high', 0x100);
    low.store.fill(1);
    high.store.fill(2);
    as.memory_region_add_subregion(0x2000, low.mr, 0);
    as.memory_region_add_subregion(0x2800, high.mr, 1);
    expect(as.read(0x2000, 1)).toBe(1);
    expect(as.read(0x2800, 1)).toBe(2);
    expect(as.read(0x2900, 1)).toBe(1);
    expect(as.read(0x2000, 1)).toBe(1);
    expect(as.read(0x5000, 4)).toBe(0xffffffff);
    expect(log.entries.at(-1)!.message).toBe('mem: 4-byte read from 0x5000 hits no device (reads all ones)');
    as.memory_region_del_subregion(high.mr);
    expect(as.read(0x2800, 1)).toBe(1);
  });

  it('misaligned and out-of-range accesses are refused with a reason', () => {
    const log = new GuestErrorLog();
    const as = new AddressSpace('mem', 1 << 20, log);
    const r = regs(log, 'dev', 8);
    as.memory_region_add_subregion(0, r.mr);
    expect(as.read(2, 4)).toBe(0xffffffff);
    expect(log.entries.at(-1)!.message).toBe('dev: invalid 4-byte read at dev+0x02 (a 4-byte access must be 4-byte aligned)');
    expect(as.read(3, 1)).toBe(0);
    expect(as.read(8, 1)).toBe(0xff);
  });
});

describe('SparseRAM', () => {
  it('reads zeros where nothing was written and keeps data across page boundaries', () => {
    const ram = new SparseRAM(1 << 30);
    expect(Array.from(ram.read(0x3ffffffe, 2))).toEqual([0, 0]);
    ram.write(0x1ffe, Uint8Array.of(1, 2, 3, 4));
    expect(Array.from(ram.read(0x1ffd, 6))).toEqual([0, 1, 2, 3, 4, 0]);
  });
});

describe('TestClock', () => {
  it('fires timers in expiry order (ties in arming order), only when virtual time reaches them', () => {
    const c = new TestClock();
    const seen: string[] = [];
    const a = c.timer_new_ns(() => seen.push(`a@${c.now_ns()}`));
    const b = c.timer_new_ns(() => seen.push(`b@${c.now_ns()}`));
    const d = c.timer_new_ns(() => seen.push(`d@${c.now_ns()}`));
    c.timer_mod(a, 300);
    c.timer_mod(b, 100);
    c.timer_mod(d, 100);
    c.clock_step(99);
    expect(seen).toEqual([]);
    c.clock_step(1);
    expect(seen).toEqual(['b@100', 'd@100']);
    c.timer_mod(a, 200); // re-arm earlier
    c.timer_del(b);
    c.run_all();
    expect(seen).toEqual(['b@100', 'd@100', 'a@200']);
    expect(c.now_ns()).toBe(200);
  });

  it('a timer re-armed from its own callback runs again', () => {
    const c = new TestClock();
    let n = 0;
    const t = c.timer_new_ns(() => {
      n++;
      if (n < 3) c.timer_mod(t, c.now_ns() + 10);
    });
    c.timer_mod(t, 10);
    c.clock_step(1000);
    expect(n).toBe(3);
  });
});
