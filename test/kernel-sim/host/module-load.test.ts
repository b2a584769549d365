// module.load (Build & Load as a host method): build with real clang, load through the kernel's request thread, and the outcome as data -- probes, bound devices, errno and the kernel's reasons.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModuleLoadResult } from '../../../kernel-sim/api/methods/module.ts';
import { serviceClient } from './helpers.ts';

const DRIVERS = join(import.meta.dirname, '../../fixtures/drivers');
const file = (rel: string) => ({ path: rel, text: readFileSync(join(DRIVERS, rel), 'utf8') });
const EDU = [file('edu/edu.c'), file('edu/edu.h')];

const UNKNOWN_SYMBOL = `#include <linux/module.h>
#include <linux/init.h>
extern int kwb_no_such_function(int);
static int __init needy_init(void) { return kwb_no_such_function(1); }
module_init(needy_init);
MODULE_LICENSE("GPL");
`;

describe('module.load', () => {
  const c = serviceClient();

  it('builds the edu driver, loads it, and reports the probe and the bound device', async () => {
    const r = await c.result<ModuleLoadResult>('module.load', { files: EDU });
    expect(r.build.ok).toBe(true);
    expect(r).toMatchObject({ modname: 'edu', loaded: true, replaced: false, errno: null });
    expect(r.probes).toEqual([expect.objectContaining({ driver: 'edu', bus: 'pci', ret: 0, errno: null, state: 'bound' })]);
    expect(r.devices).toEqual([expect.objectContaining({ driver: 'edu', bus: 'pci', name: r.probes[0]!.device })]);
    expect(r.dmesg.some((d) => d.text.startsWith('edu'))).toBe(true);
    expect(r.reasons).toEqual([]);
    expect((await c.result('machine.info')).modules).toContain('edu');
    // No guest process ran for it: the guest's last pid did not move.
    const pid = (await c.result<{ data: string }>('fs.read', { path: '/proc/loadavg' })).data.split(' ')[4];
    const again = await c.result<ModuleLoadResult>('module.load', { files: EDU });
    expect(again).toMatchObject({ loaded: true, replaced: true });
    expect((await c.result<{ data: string }>('fs.read', { path: '/proc/loadavg' })).data.split(' ')[4]).toBe(pid);
    // The .ko is in the guest for insmod by hand.
    expect((await c.result<{ output: string }>('shell.run', { command: 'ls /root/edu.ko' })).output).toBe('/root/edu.ko\n');
  });

  it('unloads it with module.unload, and says ENOENT for a module that is not loaded', async () => {
    expect(await c.result('module.unload', { name: 'edu' })).toEqual({ unloaded: true, errno: null, reasons: [] });
    expect((await c.result('machine.info')).modules).not.toContain('edu');
    expect(await c.result('module.unload', { name: 'edu' })).toMatchObject({ unloaded: false, errno: 'ENOENT' });
  });

  it('reports a build error with its diagnostics and loads nothing', async () => {
    const r = await c.result<ModuleLoadResult>('module.load', { files: [{ path: 'broken/broken.c', text: '#include <linux/module.h>\nint broken(void) { return y; }\n' }] });
    expect(r).toMatchObject({ modname: 'broken', loaded: false, errno: null, probes: [], devices: [] });
    expect(r.build.ok).toBe(false);
    expect(r.build.diagnostics).toContainEqual(expect.objectContaining({ file: 'broken/broken.c', line: 2, severity: 'error' }));
    expect((await c.result('machine.info')).modules).not.toContain('broken');
  });

  it('reports a refused load: the errno and the kernel\'s "Unknown symbol" line', async () => {
    const r = await c.result<ModuleLoadResult>('module.load', { files: [{ path: 'needy/needy.c', text: UNKNOWN_SYMBOL }] });
    expect(r.build.ok).toBe(true);
    expect(r).toMatchObject({ modname: 'needy', loaded: false, errno: 'ENOENT', probes: [], devices: [] });
    expect(r.reasons).toEqual(['needy: Unknown symbol kwb_no_such_function (err -2)']);
    expect(r.dmesg.map((d) => d.text)).toContain('needy: Unknown symbol kwb_no_such_function (err -2)');
  });

  it('reports an init that oopses: the thread is killed, the reason names the source line, and the machine goes on', async () => {
    const r = await c.result<ModuleLoadResult>('module.load', { files: [{ path: 'crash/crash.c', text: readFileSync(join(DRIVERS, '../oops/crash.c'), 'utf8') }] });
    expect(r).toMatchObject({ modname: 'crash', loaded: false, killed: true, errno: null });
    expect(r.reasons[0]).toMatch(/^BUG: kernel NULL pointer dereference, address: 0+ at crash\/crash\.c:7$/);
    expect((await c.result('machine.info')).state).toBe('running');
    // The kernel serves the next request with a new thread, and no dead one is left behind.
    expect((await c.result<{ data: string }>('fs.read', { path: '/proc/version' })).data).toMatch(/^Linux version 6\.1/);
    const ps = (await c.result<{ output: string }>('shell.run', { command: 'ps -e -o pid,stat,comm' })).output;
    expect(ps).toMatch(/kworkbench/);
    expect(ps.split('\n').filter((l) => /kworkbench/.test(l) && /\bZ\b/.test(l))).toEqual([]);
  });
});
