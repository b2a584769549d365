// lib/idr.ts, the kernel's own IDA and IDR (mnt_id_ida, unnamed_dev_ida, proc_inum_ida, gpio_ida use it): lowest free
// ID first within a range, across the 32-bit words of its bitmap, -ENOSPC when the range is full, reuse after free.
import { describe, it, expect } from 'vitest';
import { DEFINE_IDA, ida_alloc, ida_alloc_min, ida_alloc_max, ida_alloc_range, ida_free, ida_is_empty, ida_exists,
  DEFINE_IDR, idr_alloc, idr_alloc_cyclic, idr_find, idr_remove, idr_entries } from '../../../kernel-sim/lib/idr.ts';

const ENOSPC = 28;

describe('ida', () => {
  it('hands out the lowest free ID, and a freed one next', () => {
    const ida = DEFINE_IDA();
    expect([ida_alloc(ida), ida_alloc(ida), ida_alloc(ida)]).toEqual([0, 1, 2]);
    ida_free(ida, 1);
    expect(ida_exists(ida, 1)).toBe(false);
    expect(ida_alloc(ida)).toBe(1);
    expect(ida_alloc(ida)).toBe(3);
  });

  it('crosses word boundaries and honours min and max', () => {
    const ida = DEFINE_IDA();
    for (let i = 0; i < 100; i++) expect(ida_alloc(ida)).toBe(i);
    ida_free(ida, 31); ida_free(ida, 32); ida_free(ida, 64);
    expect(ida_alloc_min(ida, 33)).toBe(64);
    expect(ida_alloc_min(ida, 32)).toBe(32);
    expect(ida_alloc(ida)).toBe(31);
    expect(ida_alloc_min(ida, 0)).toBe(100);
    expect(ida_alloc_min(ida, 1000)).toBe(1000);
    expect(ida_alloc_max(ida, 100)).toBe(-ENOSPC);
    expect(ida_alloc_range(ida, 5, 3)).toBe(-ENOSPC);
    expect(ida_alloc_range(ida, -1, 10)).toBe(-ENOSPC);
    expect(ida_alloc_range(ida, 0x7ffffffe, -1)).toBe(0x7ffffffe);
  });

  it('is empty again when every ID went back', () => {
    const ida = DEFINE_IDA();
    const ids = [ida_alloc_min(ida, 1), ida_alloc_min(ida, 1), ida_alloc_min(ida, 40)];
    expect(ids).toEqual([1, 2, 40]);
    expect(ida_is_empty(ida)).toBe(false);
    for (const id of ids) ida_free(ida, id);
    expect(ida_is_empty(ida)).toBe(true);
    expect(ida.bits.size).toBe(0);
  });
});

describe('idr', () => {
  it('maps IDs to entries, with a base and a cyclic cursor', () => {
    const idr = DEFINE_IDR<string>(1);
    expect([idr_alloc(idr, 'a', 0, 0), idr_alloc(idr, 'b', 0, 0), idr_alloc(idr, 'c', 5, 7)]).toEqual([1, 2, 5]);
    expect(idr_find(idr, 2)).toBe('b');
    expect(idr_remove(idr, 2)).toBe('b');
    expect(idr_find(idr, 2)).toBeUndefined();
    expect(idr_alloc(idr, 'd', 0, 3)).toBe(2);
    expect(idr_alloc(idr, 'e', 1, 3)).toBe(-ENOSPC);
    expect(idr_entries(idr)).toEqual([[1, 'a'], [2, 'd'], [5, 'c']]);
    const cyc = DEFINE_IDR<number>();
    expect([idr_alloc_cyclic(cyc, 1, 1, 4), idr_alloc_cyclic(cyc, 2, 1, 4), idr_alloc_cyclic(cyc, 3, 1, 4)]).toEqual([1, 2, 3]);
    idr_remove(cyc, 1);
    expect(idr_alloc_cyclic(cyc, 4, 1, 4)).toBe(1);
  });
});
