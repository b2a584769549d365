// Ksets and embedded kobjects for modules (lib/kobject.c: kset_create_and_add, kobject_init_and_add with a module's
// ktype, kset_find_obj, kobject_uevent, kset_unregister), handle_sysrq and emergency_restart, proved by the fixture
// kset-demo (builds with kbuild).
import { describe, it, expect } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';

describe('ksets and kobjects a module embeds', () => {
  it('kset_create_and_add makes /sys/kernel/NAME; its objects sit in it with the ktype default attributes', async () => {
    const m = machine({ '/root/kwb_kset.ko': await driver('kset-demo') });
    expect(sh(m, 'insmod /root/kwb_kset.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'ls /sys/kernel/kwb_kset')).toBe('first\nsecond\n');
    expect(sh(m, 'ls /sys/kernel/kwb_kset/first')).toBe('restart\nsysrq\nvalue\n');
    expect(sh(m, 'stat -c %a /sys/kernel/kwb_kset/first/value /sys/kernel/kwb_kset/first/sysrq')).toBe('664\n200\n');
    expect(dmesg(m)).toContain('kwb_kset: found second in kwb_kset, parent kwb_kset');
    // show and store go through the ktype's sysfs_ops to the object that embeds the kobject.
    expect(sh(m, 'cat /sys/kernel/kwb_kset/first/value /sys/kernel/kwb_kset/second/value')).toBe('1\n2\n');
    expect(sh(m, 'echo 42 > /sys/kernel/kwb_kset/second/value; cat /sys/kernel/kwb_kset/second/value /sys/kernel/kwb_kset/first/value')).toBe('42\n1\n');
    // kstrtoint's -EINVAL reaches the writer; the value stays.
    expect(sh(m, 'echo x > /sys/kernel/kwb_kset/first/value; echo rc=$?; cat /sys/kernel/kwb_kset/first/value')).toMatch(/rc=1\n1\n$/);
  }, 300_000);

  it('the last kobject_put calls the module\'s release; kset_unregister removes the directory', async () => {
    const m = machine({ '/root/kwb_kset.ko': await driver('kset-demo') });
    expect(sh(m, 'insmod /root/kwb_kset.ko && echo 7 > /sys/kernel/kwb_kset/first/value && rmmod kwb_kset; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log.indexOf('kwb_kset: release second (value 2)')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('kwb_kset: release first (value 7)')).toBeGreaterThan(log.indexOf('kwb_kset: release second (value 2)'));
    expect(sh(m, 'ls /sys/kernel/kwb_kset 2>&1; echo rc=$?')).toMatch(/No such file or directory\nrc=1\n$/);
    // Loaded again: the names are free and nothing of the first load is left.
    expect(sh(m, 'insmod /root/kwb_kset.ko && cat /sys/kernel/kwb_kset/first/value; echo rc=$?')).toBe('1\nrc=0\n');
  }, 300_000);

  it('handle_sysrq runs a SysRq key as /proc/sysrq-trigger does; emergency_restart resets without the reboot message', async () => {
    const m = machine({ '/root/kwb_kset.ko': await driver('kset-demo') });
    expect(sh(m, 'insmod /root/kwb_kset.ko && echo 5 > /sys/kernel/kwb_kset/first/sysrq; cat /proc/sys/kernel/printk')).toMatch(/^5\s/);
    expect(dmesg(m)).toContain('sysrq: Changing Loglevel');
    m.runCommand('echo 1 > /sys/kernel/kwb_kset/first/restart');
    // The machine came up again: the module is gone, and no 'reboot: Restarting system' was printed (nothing shut down).
    expect(sh(m, 'grep -c kwb_kset /proc/modules; true')).toBe('0\n');
    expect(dmesg(m).some((l) => l.includes('reboot: Restarting system'))).toBe(false);
  }, 300_000);
});
