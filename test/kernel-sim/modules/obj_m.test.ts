// Modules implemented in kernel-sim but shipped as loadable .ko files (obj_m.ts): modinfo, modprobe with a dependency, parameters from insmod and sysfs, /proc/modules, a failing init and rmmod, exactly as for a C module.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { obj_m_image, obj_m_install, type ts_module_def } from '../../../kernel-sim/kernel/module/obj_m.ts';
import { modules_install } from '../../../kernel-sim/user/modules_install.ts';
import { vmlinux } from '../../../kernel-sim/Kbuild.ts';
import { pr_info } from '../../../kernel-sim/kernel/printk/printk.ts';
import { EINVAL } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { machine, sh, dmesg } from './helpers.ts';

/** What each module's init saw, per machine boot (the defs are shared data; the log is the test's). */
const seen: string[] = [];

const base: ts_module_def = {
  name: 'kwb_base', path: 'kernel/drivers/misc/kwb_base.ko', description: 'base of the test modules', license: 'GPL',
  size: 20480, init: () => { pr_info('kwb_base: up'); return 0; }, exit: () => { pr_info('kwb_base: down'); },
};
const user: ts_module_def = {
  name: 'kwb_user', path: 'kernel/drivers/misc/kwb-user.ko', description: 'uses kwb_base', license: 'GPL', author: 'Kernel Workbench',
  alias: ['kwb:user*'], depends: ['kwb_base'], size: 77824,
  params: [
    { name: 'nr_devices', type: 'int', perm: 0o444, desc: 'Number of devices to register', default: 1 },
    { name: 'verbose', type: 'bool', perm: 0o644, desc: 'Print more', default: false },
    { name: 'label', type: 'charp', perm: 0o444, desc: 'A label', default: 'none' },
  ],
  init: function* (v) {
    seen.push(`nr_devices=${v.int('nr_devices')} verbose=${v.bool('verbose')} label=${v.str('label')}`);
    yield* [];
    return v.int('nr_devices') < 0 ? -EINVAL : 0;
  },
  exit: () => { seen.push('exit'); },
};

let m: Machine;
beforeAll(() => {
  m = machine();
  m.inspect(() => obj_m_install([...vmlinux.modules, base, user]));
  for (const e of modules_install([base, user])) if (e.data) m.putFile(e.path, e.data);
});

describe('obj-m modules implemented in kernel-sim', () => {
  it('have a .ko that modinfo reads as an in-tree module, with modpost\'s fields and their parameters', () => {
    const out = sh(m, 'modinfo /lib/modules/$(uname -r)/kernel/drivers/misc/kwb-user.ko');
    expect(out).toMatch(/^description:\s+uses kwb_base$/m);
    expect(out).toMatch(/^depends:\s+kwb_base$/m);
    expect(out).toMatch(/^intree:\s+Y$/m);
    expect(out).toMatch(/^alias:\s+kwb:user\*$/m);
    expect(out).toMatch(/^parm:\s+nr_devices:Number of devices to register$/m);
    expect(obj_m_image(user).subarray(0, 4)).toEqual(Uint8Array.of(0, 0x61, 0x73, 0x6d));
  });

  it('load with modprobe, dependency first, parameters from the command line, untainted', () => {
    seen.length = 0;
    expect(sh(m, 'modprobe kwb-user nr_devices=3 label=disk; echo rc=$?')).toBe('rc=0\n');
    expect(seen).toEqual(['nr_devices=3 verbose=false label=disk']);
    expect(dmesg(m)).toContain('kwb_base: up');
    const lines = sh(m, 'cat /proc/modules').split('\n');
    expect(lines.find((l) => l.startsWith('kwb_user '))).toMatch(/^kwb_user 77824 0 - Live 0xffffffffc[0-9a-f]+$/);
    expect(lines.find((l) => l.startsWith('kwb_base '))).toMatch(/^kwb_base 20480 1 kwb_user, Live 0xffffffffc[0-9a-f]+$/);
    expect(sh(m, 'cat /proc/sys/kernel/tainted')).toBe('0\n');
  });

  it('show their parameters in /sys/module with module_param\'s modes; writable ones change what the module reads', () => {
    expect(sh(m, 'cat /sys/module/kwb_user/parameters/nr_devices /sys/module/kwb_user/parameters/label')).toBe('3\ndisk\n');
    expect(sh(m, 'echo Y > /sys/module/kwb_user/parameters/verbose; cat /sys/module/kwb_user/parameters/verbose')).toBe('Y\n');
    expect(sh(m, 'echo 5 > /sys/module/kwb_user/parameters/nr_devices; echo rc=$?')).toMatch(/rc=1/);
    expect(sh(m, 'cat /sys/module/kwb_user/initstate /sys/module/kwb_user/refcnt')).toBe('live\n0\n');
  });

  it('refuse rmmod while used, unload in order, and a failing init leaves nothing behind', () => {
    expect(sh(m, 'rmmod kwb_base; echo rc=$?')).toMatch(/rc=1/);
    expect(sh(m, 'rmmod kwb_user && rmmod kwb_base; echo rc=$?')).toBe('rc=0\n');
    expect(seen.at(-1)).toBe('exit');
    expect(dmesg(m)).toContain('kwb_base: down');
    expect(sh(m, 'insmod /lib/modules/$(uname -r)/kernel/drivers/misc/kwb-user.ko; echo rc=$?')).toMatch(/rc=1/);
    expect(dmesg(m)).toContain('kwb_user: Unknown symbol kwb_base (err -2)');
    expect(sh(m, 'modprobe kwb_user nr_devices=-1; echo rc=$?')).toMatch(/rc=1/);
    expect(sh(m, 'cat /proc/modules')).not.toMatch(/^kwb_user /m);
    expect(sh(m, 'ls /sys/module/kwb_user 2>&1; echo')).toMatch(/No such file/);
  });
});
