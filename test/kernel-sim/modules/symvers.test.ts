// Module.symvers (kernel/module/symvers.ts): vmlinux's export table as text answers every lookup modpost and the loader's asyncify make as the live table does.
import { describe, it, expect } from 'vitest';
import { vmlinux } from '../../../kernel-sim/Kbuild.ts';
import { read_dump, write_dump } from '../../../kernel-sim/kernel/module/symvers.ts';

describe('Module.symvers', () => {
  const text = write_dump(vmlinux.ksymtab);
  const table = read_dump(text);

  it('lists every exported function and object in Linux\'s columns', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(vmlinux.ksymtab.names().length + vmlinux.ksymtab.data_names().length);
    for (const l of lines) expect(l).toMatch(/^0x00000000\t\w+\tvmlinux\tEXPORT_SYMBOL(_GPL)?\t\t(func|func,sleeps|data)$/);
    expect(lines).toContain('0x00000000\t_printk\tvmlinux\tEXPORT_SYMBOL\t\tfunc');
  });

  it('answers as the live ksymtab for every symbol: GPL-only, may sleep, data', () => {
    const live = vmlinux.ksymtab;
    const sleeps: string[] = [], gpl: string[] = [];
    for (const n of live.names()) {
      const f = live.func(n)!;
      expect(table.func(n), n).toEqual({ gpl: f.gpl, sleeps: f.sleeps });
      if (f.sleeps) sleeps.push(n);
      if (f.gpl) gpl.push(n);
      expect(table.data(n), n).toBeUndefined();
    }
    // Both kinds are there to be told apart (a table of plain functions would pass the loop above too easily).
    expect(sleeps).toContain('msleep');
    expect(gpl).toContain('__pm_runtime_idle');
    for (const n of live.data_names()) {
      expect(table.data(n), n).not.toBeUndefined();
      expect(table.func(n), n).toEqual(live.func(n) && { gpl: live.func(n)!.gpl, sleeps: live.func(n)!.sleeps });
    }
    expect(live.data_names().length).toBeGreaterThan(0);
    expect(table.func('kwb_nosuch')).toBeUndefined();
    expect(table.data('kwb_nosuch')).toBeUndefined();
  });

  it('names the file, line and column of a malformed line', () => {
    expect(() => read_dump('0x00000000\tfoo\tvmlinux\tEXPORT_SYMBOL\t\tfunc\n0x00000000\tbar\tvmlinux\tEXPORT_SYMBOL_FOO\t\tfunc\n', 'M.symvers'))
      .toThrow('M.symvers:2:24: unknown license EXPORT_SYMBOL_FOO');
    expect(() => read_dump('0x00000000\tfoo\tvmlinux\n')).toThrow('Module.symvers:1:23: expected 6 tab-separated fields, found 3');
    expect(() => read_dump('0x00000000\tfoo\tvmlinux\tEXPORT_SYMBOL\t\tfunc\tx\n')).toThrow('Module.symvers:1:44: expected 6 tab-separated fields, found 7');
    expect(() => read_dump('0x0\tfoo\tvmlinux\tEXPORT_SYMBOL\t\tfunc\n')).toThrow("Module.symvers:1:1: bad CRC '0x0'");
    expect(() => read_dump('0x00000000\tfoo\tvmlinux\tEXPORT_SYMBOL\t\tvar\n')).toThrow("Module.symvers:1:39: unknown kind 'var'");
  });
});
