// Unit tests of the kernel API's TypeScript side: vsprintf over a wasm32 va_list, the slab allocator's redzones, poisoning and quarantine, the KASAN shadow.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { vsprintf, va_list } from '../../../kernel-sim/lib/vsprintf.ts';
import { kmalloc, kfree, ksize, krealloc, check_redzone, slabState, POISON_FREE, POISON_END, __GFP_ZERO } from '../../../kernel-sim/mm/slab.ts';
import { kbytes, kwrite_u32, kwrite_u64, kwrite_cstr, kasan_first_bad, KMEM_NULL_GUARD } from '../../../kernel-sim/mm/kmem.ts';
import { kstrto } from '../../../kernel-sim/kernel/kapi/printk.ts';

function booted(): Machine { const m = new Machine({}); m.boot(); return m; }

describe('vsprintf', () => {
  it('formats integers, strings, widths, precision and 64-bit arguments from a wasm32 va_list', () => {
    const m = booted();
    m.inspect(() => {
      const va = kmalloc(64, __GFP_ZERO);
      const s = kmalloc(16, 0);
      kwrite_cstr(s, 'anchor');
      kwrite_u32(va, -5 >>> 0);
      kwrite_u32(va + 4, s);
      kwrite_u32(va + 8, 0xed);
      kwrite_u64(va + 16, 1234567890123n);
      kwrite_u32(va + 24, 7);
      expect(vsprintf('%d [%-8s] 0x%08x %lld %3u%%', new va_list(va))).toBe('-5 [anchor  ] 0x000000ed 1234567890123   7%');
      kwrite_u32(va, 3);
      kwrite_u32(va + 4, s);
      kwrite_u32(va + 8, 0x5a);
      expect(vsprintf('%.*s|%c', new va_list(va))).toBe('anc|Z');
      kwrite_u32(va, 0);
      expect(vsprintf('%s', new va_list(va))).toBe('(null)');
      kbytes().set([192, 168, 0, 1], s);
      kwrite_u32(va, s);
      expect(vsprintf('%pI4', new va_list(va))).toBe('192.168.0.1');
      kwrite_u32(va, 4);
      kwrite_u32(va + 4, s);
      expect(vsprintf('%*ph', new va_list(va))).toBe('c0 a8 00 01');
      kwrite_u32(va, -22 >>> 0);
      expect(vsprintf('%pe', new va_list(va))).toBe('-EINVAL');
    });
  });

  it('kstrto* parses like lib/kstrtox.c (base 0, trailing newline, range)', () => {
    expect(kstrto('42\n', 0, true, 32)).toBe(42n);
    expect(kstrto('0x1f', 0, false, 32)).toBe(31n);
    expect(kstrto('017', 0, false, 32)).toBe(15n);
    expect(kstrto('-1', 10, false, 32)).toBe(-22);
    expect(kstrto('4294967296', 10, false, 32)).toBe(-34);
    expect(kstrto('12a', 10, true, 32)).toBe(-22);
  });
});

describe('slab', () => {
  it('kmalloc picks the kmalloc-N cache, keeps a redzone and KASAN-poisons past the object', () => {
    const m = booted();
    m.inspect(() => {
      const p = kmalloc(10, 0);
      const o = slabState().objects.get(p)!;
      expect(o.cache!.name).toBe('kmalloc-16');
      expect(ksize(p)).toBe(16);
      expect(kasan_first_bad(p, 10)).toBe(-1);
      expect(kasan_first_bad(p, 11)).toBe(p + 10);
      expect(check_redzone(o)).toBe(-1);
      kbytes()[p + 10] = 0x78;
      expect(check_redzone(o)).toBe(p + 10);
      expect(kasan_first_bad(0, 4)).toBe(0);
      expect(kasan_first_bad(KMEM_NULL_GUARD - 4, 4)).toBe(KMEM_NULL_GUARD - 4);
    });
  });

  it('kfree poisons, quarantines, and reports a second free of the same object', () => {
    const m = booted();
    m.inspect(() => {
      const p = kmalloc(32, __GFP_ZERO);
      expect(kfree(p)).toMatchObject({ ok: true });
      expect(kbytes()[p]).toBe(POISON_FREE);
      expect(kbytes()[p + 31]).toBe(POISON_END);
      expect(kasan_first_bad(p, 1)).toBe(p);
      expect(kfree(p)).toMatchObject({ ok: false, kind: 'double-free' });
      expect(kfree(p + 4)).toMatchObject({ ok: false, kind: 'invalid-free' });
      expect(kmalloc(32, 0)).not.toBe(p);
      expect(kfree(0)).toBeNull();
      expect(kmalloc(0, 0)).toBe(16);
    });
  });

  it('krealloc keeps the contents; large allocations take whole pages', () => {
    const m = booted();
    m.inspect(() => {
      const p = kmalloc(8, 0);
      kwrite_cstr(p, 'abcdefg');
      const q = krealloc(p, 100, 0);
      expect(new TextDecoder().decode(kbytes().slice(q, q + 7))).toBe('abcdefg');
      expect(slabState().objects.get(p)!.freed).toBe(true);
      const big = kmalloc(100_000, 0);
      expect(big % 4096).toBe(0);
      expect(slabState().objects.get(big)!.large).toBe(true);
      expect(kfree(big)).toMatchObject({ ok: true });
    });
  });
});
