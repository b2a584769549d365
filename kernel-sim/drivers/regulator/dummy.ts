// Models linux/drivers/regulator/dummy.c: the "reg-dummy" platform device and its driver, registering "regulator-dummy" (always on, no ops) that consumers without a described supply get.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { __platform_driver_register, platform_device_add, platform_device_alloc, platform_device_put, type platform_device, type platform_driver } from '../base/platform.ts';
import { run_sync } from '../base/sync.ts';
import { devm_regulator_register, REGULATOR_VOLTAGE, set_dummy_regulator_rdev, type regulator_desc } from './core.ts';

// kernel-static: the regulator's description, the same for every boot (dummy_desc, dummy_ops)
const dummy_desc: regulator_desc = { name: 'regulator-dummy', id: -1, type: REGULATOR_VOLTAGE, owner: null, ops: {} };

function* dummy_regulator_probe(pdev: platform_device): KGen<number> {
  const rdev = yield* devm_regulator_register(pdev.dev, dummy_desc, { dev: pdev.dev, init_data: { constraints: { always_on: true } } });
  if (typeof rdev === 'number') {
    pr_err(`Failed to register regulator: ${rdev}\n`);
    return rdev;
  }
  set_dummy_regulator_rdev(rdev);
  return 0;
}

// kernel-static: the driver's description; registered per machine by regulator_dummy_init
const dummy_regulator_driver: platform_driver = { probe: dummy_regulator_probe, driver: { name: 'reg-dummy' } };

/** regulator_dummy_init(): the device, then the driver that binds it (called from regulator_init, core_initcall). */
function* regulator_dummy_init(): KGen<number> {
  const pdev = platform_device_alloc('reg-dummy', -1);
  let ret = yield* platform_device_add(pdev);
  if (ret) {
    pr_err(`Failed to register dummy regulator device: ${ret}\n`);
    platform_device_put(pdev);
    return 0;
  }
  ret = yield* __platform_driver_register(dummy_regulator_driver, null);
  if (ret) pr_err(`Failed to register dummy regulator driver: ${ret}\n`);
  return 0;
}

// Linux calls it at the end of regulator_init(); linked right after core.ts, it runs at the same point of the same level.
export const initcalls: initcall_entry[] = [['core', 'regulator_dummy_init', () => run_sync(regulator_dummy_init(), 'regulator_dummy_init'), 2_000]];
