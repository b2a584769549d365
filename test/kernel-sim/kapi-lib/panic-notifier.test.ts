// panic_notifier_list (kernel/panic.c, linux/panic_notifier.h), proved by the fixture panic-notifier (builds with
// kbuild): panic() calls a module's notifier with the panic message after the stack dump and before the end line.
import { describe, it, expect } from 'vitest';
import { driver, machine, sh } from '../modules/helpers.ts';
import { printkState } from '../../../kernel-sim/kernel/printk/printk.ts';

describe('panic notifiers', () => {
  it('panic() calls a module on panic_notifier_list with its message, after the stack dump and before the end line', async () => {
    const m = machine({ '/root/kwb_panicnote.ko': await driver('panic-notifier') });
    expect(sh(m, 'insmod /root/kwb_panicnote.ko; echo rc=$?')).toBe('rc=0\n');
    m.runCommand('echo c > /proc/sysrq-trigger');
    expect(m.info().state).toBe('panicked');
    const log = m.inspect(() => printkState().records.map((r) => r.text));
    const start = log.indexOf('Kernel panic - not syncing: sysrq triggered crash');
    const seen = log.indexOf('kwb_panicnote: panic notifier saw "sysrq triggered crash" (event 0)');
    const end = log.indexOf('---[ end Kernel panic - not syncing: sysrq triggered crash ]---');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(seen).toBeGreaterThan(log.indexOf(' </TASK>', start));
    expect(end).toBeGreaterThan(seen);
  }, 300_000);

  it('a module that left the list is not called', async () => {
    const m = machine({ '/root/kwb_panicnote.ko': await driver('panic-notifier') });
    expect(sh(m, 'insmod /root/kwb_panicnote.ko && rmmod kwb_panicnote; echo rc=$?')).toBe('rc=0\n');
    m.runCommand('echo c > /proc/sysrq-trigger');
    const log = m.inspect(() => printkState().records.map((r) => r.text));
    expect(log).toContain('Kernel panic - not syncing: sysrq triggered crash');
    expect(log.some((l) => l.includes('panic notifier saw'))).toBe(false);
  }, 300_000);
});
