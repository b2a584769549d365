// VMState: each model's saved state is its declared field list; save and load are derived from it and round-trip.
import { describe, expect, it } from 'vitest';
import { boot } from './machine-harness.ts';

describe('VMState field lists', () => {
  it('a snapshot holds exactly the fields each device declares', () => {
    const { m } = boot('default.dts');
    for (const d of m.devices) expect(Object.keys(d.dev.save())).toEqual(d.dev.vmsd.fields.map(([f]) => f));
    expect(Object.keys(m.ioapic.save())).toEqual(['ioregsel', 'apic_id', 'irr', 'levels', 'ioredtbl']);
  });

  it('the UART scratch and line-control registers survive save, reset and load; the snapshot is plain JSON', () => {
    const { m } = boot('default.dts');
    m.io_write(0x3f8 + 7, 0x5a, 1); // SCR
    m.io_write(0x3f8 + 3, 0x1b, 1); // LCR: 8E1... with DLAB clear
    const s = JSON.parse(JSON.stringify(m.serials[0]!.save()));
    m.serials[0]!.reset();
    expect(m.io_read(0x3f8 + 7, 1)).toBe(0);
    m.serials[0]!.load(s);
    expect(m.io_read(0x3f8 + 7, 1)).toBe(0x5a);
    expect(m.io_read(0x3f8 + 3, 1)).toBe(0x1b);
  });

  it('a whole machine snapshot loads into a second machine built from the same tree', () => {
    const a = boot('default.dts').m;
    a.io_write(0x3f8 + 7, 0x33, 1);
    const b = boot('default.dts').m;
    b.load(JSON.parse(JSON.stringify(a.save())));
    expect(b.io_read(0x3f8 + 7, 1)).toBe(0x33);
  });
});
