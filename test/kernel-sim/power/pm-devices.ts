// Test devices for the system sleep core: registered devices whose driver logs each dev_pm_ops callback it is given, and can be told to fail one.
import { expect } from 'vitest';
import { run } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { device_alloc, device_initialize, dev_set_name, device_add } from '../../../kernel-sim/drivers/base/core.ts';
import type { device, device_driver } from '../../../kernel-sim/drivers/base/base.ts';
import type { dev_pm_ops } from '../../../kernel-sim/drivers/base/power/pm.ts';
import { O_WRONLY } from '../../../kernel-sim/include/uapi/stat.ts';

export type pm_cb = Exclude<keyof dev_pm_ops, 'complete'>;

/** A registered device (child of `parent`) whose driver `drv` logs "<callback> <name>" for each of `cbs` and ->complete; `fail[cb]` makes one return an error. */
export function mkdev<C extends pm_cb>(m: Machine, drv_name: string, name: string, log: string[], parent: device | null, cbs: readonly C[]): { dev: device; fail: Partial<Record<C, number>> } {
  const fail: Partial<Record<C, number>> = {};
  const pm: dev_pm_ops = { complete: (d) => { log.push(`complete ${d.kobj.name}`); } };
  for (const c of cbs) pm[c] = (d: device) => { log.push(`${c} ${d.kobj.name}`); return fail[c] ?? 0; };
  const drv: device_driver = { name: drv_name, pm };
  const dev = m.inspect(() => { const d = device_alloc(); device_initialize(d); dev_set_name(d, name); d.parent = parent; return d; });
  let added = false;
  expect(run(m, function* (): KGen<number> { yield* device_add(dev); added = true; return 0; }).status).toBe(0);
  expect(added).toBe(true);
  dev.driver = drv;
  return { dev, fail };
}

/** write(2) of `data` to a sysfs file from a guest process: the byte count or -errno. */
export function write_sys(m: Machine, path: string, data: string): number {
  let ret = 0;
  run(m, function* (c): KGen<number> {
    const fd = yield* c.open(path, O_WRONLY);
    ret = fd < 0 ? fd : yield* c.write(fd, data);
    return 0;
  });
  return ret;
}
