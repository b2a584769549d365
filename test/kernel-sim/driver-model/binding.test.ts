// Binding both ways, probe failure unwinding with devres, deferred probe, sysfs bind/unbind, kobject leak and refcount reports, the UI snapshot.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { bootMachine, kcall, sh, dmesg } from './harness.ts';
import {
  platform_device_register_simple, platform_device_register_full, platform_device_unregister, __platform_driver_register, platform_driver_unregister,
  platform_get_resource, platform_get_irq, IORESOURCE_MEM, IORESOURCE_IRQ, PLATFORM_DEVID_NONE, type platform_device, type platform_driver,
} from '../../../kernel-sim/drivers/base/platform.ts';
import { devm_kzalloc, devm_add_action } from '../../../kernel-sim/drivers/base/devres.ts';
import { dev_get_drvdata } from '../../../kernel-sim/drivers/base/core.ts';
import { kobject_create_and_add, kobject_put, kobject_alloc, kobject_init_and_add } from '../../../kernel-sim/lib/kobject.ts';
import { test_taint, TAINT_WARN } from '../../../kernel-sim/kernel/panic.ts';
import { ENOMEM, EPROBE_DEFER } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { of_node_alloc, of_node_add_child, prop_from_string } from '../../../kernel-sim/drivers/of/base.ts';

let m: Machine;
beforeAll(() => { m = bootMachine(); });

function drv(name: string, probe: (p: platform_device) => number | KGen<number>, remove?: (p: platform_device) => void, extra: Partial<platform_driver> = {}): platform_driver {
  return { driver: { name }, probe, remove, ...extra };
}
const dev = (name: string): platform_device => kcall(m, () => platform_device_register_simple(name, PLATFORM_DEVID_NONE)) as platform_device;
const reg = (d: platform_driver): number => kcall(m, () => __platform_driver_register(d));

describe('binding', () => {
  it('binds a driver registered after its device', () => {
    const calls: string[] = [];
    const pdev = dev('kwb-late');
    expect(pdev.dev.driver).toBeNull();
    expect(reg(drv('kwb-late', (p) => { calls.push(`probe ${p.name}`); return 0; }))).toBe(0);
    expect(calls).toEqual(['probe kwb-late']);
    expect(sh(m, 'readlink /sys/devices/platform/kwb-late/driver')).toBe('../../../bus/platform/drivers/kwb-late\n');
    expect(sh(m, 'cat /sys/devices/platform/kwb-late/uevent')).toBe('DRIVER=kwb-late\nMODALIAS=platform:kwb-late\n');
  });

  it('binds a device registered after its driver, matching by id table and OF compatible', () => {
    const seen: string[] = [];
    reg(drv('kwb-multi', (p) => { seen.push(`${p.name}:${p.id_entry?.name ?? 'of'}`); return 0; }, undefined, {
      id_table: [{ name: 'kwb-a' }, { name: 'kwb-b' }],
    }));
    reg({ driver: { name: 'kwb-of', of_match_table: [{ compatible: 'kwb,widget', data: 7 }] }, probe: (p) => { seen.push(`of:${p.name}`); return 0; } });
    dev('kwb-b');
    const pof = kcall(m, () => {
      // A node of its own, outside the machine's tree: /soc/widget@1000.
      const root = of_node_alloc('/'), soc = of_node_alloc('soc'), np = of_node_alloc('widget@1000', [prop_from_string('compatible', 'kwb,widget')]);
      of_node_add_child(root, soc);
      of_node_add_child(soc, np);
      return platform_device_register_full({ name: 'widget', id: 3, of_node: np });
    }) as platform_device;
    expect(seen).toEqual(['kwb-b:kwb-b', 'of:widget']);
    expect(pof.dev.driver?.name).toBe('kwb-of');
    expect(sh(m, 'cat /sys/bus/platform/devices/widget.3/uevent')).toBe(
      'DRIVER=kwb-of\nOF_NAME=widget\nOF_FULLNAME=/soc/widget@1000\nOF_COMPATIBLE_0=kwb,widget\nOF_COMPATIBLE_N=1\nMODALIAS=of:NwidgetT(null)Ckwb,widget\n');
  });

  it('gives drivers their resources and IRQs', () => {
    let got = '';
    reg(drv('kwb-res', (p) => {
      const mem = platform_get_resource(p, IORESOURCE_MEM, 0);
      got = `${mem?.start.toString(16)}-${mem?.end.toString(16)} irq ${platform_get_irq(p, 0)} missing ${platform_get_irq(p, 1)}`;
      return 0;
    }));
    kcall(m, () => platform_device_register_simple('kwb-res', PLATFORM_DEVID_NONE, [
      { start: 0xfe000000, end: 0xfe000fff, flags: IORESOURCE_MEM }, { start: 11, end: 11, flags: IORESOURCE_IRQ },
    ]));
    expect(got).toBe('fe000000-fe000fff irq 11 missing -6');
    expect(dmesg(m)).toContain('kwb-res kwb-res: error -6: IRQ index 1 not found');
    // A second device claiming the same range is refused.
    const r = kcall(m, () => platform_device_register_simple('kwb-res2', PLATFORM_DEVID_NONE, [{ start: 0xfe000800, end: 0xfe0008ff, flags: IORESOURCE_MEM }]));
    expect(r).toBe(-16);
    expect(dmesg(m)).toContain('platform kwb-res2: failed to claim resource 0: [mem 0xfe000800-0xfe0008ff]');
  });

  it('unwinds a probe failing halfway in reverse and frees its devm resources', () => {
    const log: string[] = [];
    const events: string[] = [];
    reg(drv('kwb-fail', (p) => {
      expect(devm_kzalloc(p.dev, 64)).not.toBeNull();
      devm_add_action(p.dev, () => log.push('first'), null, 'first');
      devm_add_action(p.dev, () => log.push('second'), null, 'second');
      devm_add_action(p.dev, () => log.push('third'), null, 'third');
      log.push('probe fails');
      return -ENOMEM;
    }));
    const pdev = dev('kwb-fail');
    expect(log).toEqual(['probe fails', 'third', 'second', 'first']);
    expect(pdev.dev.devres_head).toEqual([]);
    expect(pdev.dev.driver).toBeNull();
    expect(pdev.dev.probe_state).toBe('failed');
    expect(pdev.dev.probe_err).toBe(ENOMEM);
    expect(dmesg(m)).toContain('kwb-fail: probe of kwb-fail failed with error -12');
    expect(sh(m, 'ls /sys/devices/platform/kwb-fail/driver 2>&1; ls /sys/bus/platform/drivers/kwb-fail')).toMatch(/No such file or directory\nbind\nuevent\nunbind\n$/);
    // The probe's steps and their unwinding, in order, on the trace bus.
    for (const e of JSON.parse(m.exportTrace()).traceEvents) if (e.cat === 'device' && e.args?.dev === 'kwb-fail' && e.name === 'probe_step') events.push(e.args.step);
    expect(events).toEqual(['device_links_check_suppliers', 'driver_sysfs_add', 'call_driver_probe', 'unwind:driver_sysfs_remove', 'unwind:device_links_no_driver', 'unwind:device_unbind_cleanup']);
    const snap = m.devicesSnapshot().devices.find((d) => d.name === 'kwb-fail');
    expect(snap).toMatchObject({ state: 'failed', errno: ENOMEM, driver: null, bus: 'platform', parent: '/devices/platform' });
  });

  it('retries a deferred probe once its supplier binds', () => {
    let supplier: platform_device | null = null;
    const order: string[] = [];
    reg(drv('kwb-consumer', () => {
      if (!supplier || !dev_get_drvdata(supplier.dev)) { order.push('consumer defers'); return -EPROBE_DEFER; }
      order.push('consumer binds');
      return 0;
    }));
    const consumer = dev('kwb-consumer');
    expect(consumer.dev.probe_state).toBe('deferred');
    expect(m.devicesSnapshot().devices.find((d) => d.name === 'kwb-consumer')?.state).toBe('deferred');
    supplier = dev('kwb-supplier');
    reg(drv('kwb-supplier', (p) => { order.push('supplier binds'); p.dev.driver_data = { ready: true }; return 0; }));
    // The retry is queued work: it runs in a kworker once the machine runs again.
    expect(order).toEqual(['consumer defers', 'supplier binds']);
    m.runFor(1_000_000);
    expect(order).toEqual(['consumer defers', 'supplier binds', 'consumer binds']);
    expect(consumer.dev.driver?.name).toBe('kwb-consumer');
    expect(m.devicesSnapshot().devices.find((d) => d.name === 'kwb-consumer')?.state).toBe('bound');
  });

  it('calls remove and probe through the sysfs unbind and bind files', () => {
    const log: string[] = [];
    reg(drv('kwb-rebind', (p) => { log.push(`probe ${p.name}`); devm_add_action(p.dev, () => log.push('devm release')); return 0; }, (p) => { log.push(`remove ${p.name}`); }));
    dev('kwb-rebind');
    expect(sh(m, 'echo kwb-rebind > /sys/bus/platform/drivers/kwb-rebind/unbind; echo $?; ls /sys/devices/platform/kwb-rebind/driver')).toMatch(/^0\nls: .*No such file or directory/);
    expect(log).toEqual(['probe kwb-rebind', 'remove kwb-rebind', 'devm release']);
    expect(sh(m, 'echo kwb-rebind > /sys/bus/platform/drivers/kwb-rebind/bind; echo $?; readlink /sys/devices/platform/kwb-rebind/driver')).toBe('0\n../../../bus/platform/drivers/kwb-rebind\n');
    expect(log.at(-1)).toBe('probe kwb-rebind');
    expect(sh(m, 'echo kwb-rebind > /sys/bus/platform/drivers/kwb-rebind/bind; echo $?')).toContain('1');
    expect(sh(m, 'echo nosuch > /sys/bus/platform/drivers/kwb-rebind/unbind; echo $?')).toContain('1');
  });

  it('honours driver_override', () => {
    const probed: string[] = [];
    reg(drv('kwb-ov-a', (p) => { probed.push(`a:${p.name}`); return 0; }));
    reg(drv('kwb-ov-b', (p) => { probed.push(`b:${p.name}`); return 0; }));
    dev('kwb-ov-a');
    sh(m, 'echo kwb-ov-a > /sys/bus/platform/drivers/kwb-ov-a/unbind; echo kwb-ov-b > /sys/bus/platform/devices/kwb-ov-a/driver_override; echo kwb-ov-a > /sys/bus/platform/drivers_probe');
    expect(probed).toEqual(['a:kwb-ov-a', 'b:kwb-ov-a']);
    expect(sh(m, 'cat /sys/bus/platform/devices/kwb-ov-a/driver_override')).toBe('kwb-ov-b\n');
  });

  it('reports a kobject a driver leaks when it unbinds', () => {
    reg(drv('kwb-leaky', (p) => { kobject_create_and_add('leaky', p.dev.kobj); return 0; }));
    const pdev = dev('kwb-leaky');
    expect(sh(m, 'ls /sys/devices/platform/kwb-leaky')).toContain('leaky');
    kcall(m, () => platform_device_unregister(pdev));
    expect(dmesg(m)).toMatch(/kobject: 'leaky' \([0-9a-f]{16}\): leaked by driver 'kwb-leaky' unbinding from 'kwb-leaky': refcount 1, still in sysfs at \/devices\/platform\/kwb-leaky\/leaky/);
  });

  it('reports a double release as a refcount underflow and a missing release() as broken', () => {
    m.inspect(() => {
      const k = kobject_create_and_add('twice', null)!;
      kobject_put(k);
      kobject_put(k);
      const n = kobject_alloc();
      kobject_init_and_add(n, {}, null, 'norelease');
      kobject_put(n);
    });
    const log = dmesg(m);
    expect(log).toContain('refcount_t: underflow; use-after-free.');
    expect(log).toMatch(/WARNING: CPU: \d+ PID: \d+ at lib\/refcount.c:28 refcount_warn_saturate/);
    expect(log).toMatch(/kobject: 'norelease' \([0-9a-f]{16}\): does not have a release\(\) function, it is broken and must be fixed\./);
    expect(m.inspect(() => test_taint(TAINT_WARN))).toBe(true);
  });

  it('unregisters drivers and devices: remove runs, links and nodes go', () => {
    const log: string[] = [];
    const d = drv('kwb-gone', () => { log.push('probe'); return 0; }, () => { log.push('remove'); });
    reg(d);
    const pdev = dev('kwb-gone');
    kcall(m, () => platform_driver_unregister(d));
    expect(log).toEqual(['probe', 'remove']);
    expect(sh(m, 'ls /sys/bus/platform/drivers/kwb-gone 2>&1')).toContain('No such file or directory');
    kcall(m, () => platform_device_unregister(pdev));
    expect(sh(m, 'ls /sys/devices/platform/kwb-gone /sys/bus/platform/devices/kwb-gone 2>&1').match(/No such file/g)?.length).toBe(2);
  });
});
