// The regulator core (drivers/regulator/core.c, dummy.c): the dummy regulator from boot, a provider's class device
// and its sysfs files, consumers through the board map with voltage constraints, and the C consumer API proved by
// the fixture regulator-consumer (builds with kbuild) getting the dummy for undescribed supplies.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import * as reg from '../../../kernel-sim/drivers/regulator/core.ts';
import { platform_device_register_simple, type platform_device } from '../../../kernel-sim/drivers/base/platform.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { kcall, dmesg as klog } from '../driver-model/harness.ts';
import { driver, sh, dmesg } from '../modules/helpers.ts';

const boot = (): Machine => { const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' }); m.boot(); return m; };

/** A TS provider: an LDO whose enable and voltage ops are recorded, 1.2-3.3 V allowed, "vcc" of kwb-cons mapped to it. */
function ldo(m: Machine, calls: string[], valid_ops_mask = reg.REGULATOR_CHANGE_VOLTAGE | reg.REGULATOR_CHANGE_STATUS): { rdev: reg.regulator_dev; cons: platform_device } {
  let on = 0, uV = 3_300_000;
  const desc: reg.regulator_desc = {
    name: 'LDO1', id: 1, type: reg.REGULATOR_VOLTAGE, ops: {
      enable: () => { calls.push('enable'); on = 1; return 0; },
      disable: () => { calls.push('disable'); on = 0; return 0; },
      is_enabled: () => on,
      get_voltage: () => uV,
      set_voltage: (_r, min, max) => { calls.push(`set ${min}-${max}`); uV = min; return 0; },
    },
  };
  return kcall(m, function* (): KGen<{ rdev: reg.regulator_dev; cons: platform_device }> {
    const prov = yield* platform_device_register_simple('kwb-pmic', -1);
    const cons = yield* platform_device_register_simple('kwb-cons', -1);
    if (typeof prov === 'number' || typeof cons === 'number') throw new Error('platform devices');
    const rdev = yield* reg.regulator_register(prov.dev, desc, {
      dev: prov.dev,
      init_data: { constraints: { min_uV: 1_200_000, max_uV: 3_300_000, valid_ops_mask }, consumer_supplies: [{ dev_name: 'kwb-cons', supply: 'vcc' }] },
    });
    if (typeof rdev === 'number') throw new Error(`regulator_register: ${rdev}`);
    return { rdev, cons };
  });
}

describe('regulator core', () => {
  it('boots with the dummy regulator: regulator.0 below reg-dummy, always on, one user', () => {
    const m = boot();
    expect(sh(m, 'readlink /sys/class/regulator/regulator.0; readlink /sys/bus/platform/devices/reg-dummy/driver')).toBe(
      '../../devices/platform/reg-dummy/regulator/regulator.0\n../../../bus/platform/drivers/reg-dummy\n',
    );
    // No ops: no state, microvolts or min/max files (regulator_attr_is_visible).
    expect(sh(m, 'cd /sys/class/regulator/regulator.0; ls; cat name num_users type suspend_mem_state')).toBe(
      'device\nname\nnum_users\npower\nrequested_microamps\nsubsystem\nsuspend_disk_state\nsuspend_mem_state\nsuspend_standby_state\ntype\nuevent\n' +
      'regulator-dummy\n1\nvoltage\ndisabled\n',
    );
  });

  it('a provider gets the next number and the files its ops back; a mapped consumer switches it and asks for voltages within the constraints', () => {
    const m = boot();
    const calls: string[] = [];
    const { rdev, cons } = ldo(m, calls);
    expect(sh(m, 'cd /sys/class/regulator/regulator.1; cat name state microvolts min_microvolts max_microvolts num_users')).toBe('LDO1\ndisabled\n3300000\n1200000\n3300000\n0\n');
    const r = kcall(m, () => reg.regulator_get(cons.dev, 'vcc'));
    if (typeof r === 'number') throw new Error(`regulator_get: ${r}`);
    expect(r.rdev).toBe(rdev);
    expect(sh(m, 'readlink /sys/class/regulator/regulator.1/kwb-cons-vcc')).toBe('../../../kwb-cons\n');
    expect(kcall(m, () => reg.regulator_enable(r))).toBe(0);
    expect(sh(m, 'cat /sys/class/regulator/regulator.1/state /sys/class/regulator/regulator.1/num_users')).toBe('enabled\n1\n');
    // Clamped to the constraints: asked 1.0-1.5 V, the op is called with 1.2-1.5 V.
    expect(kcall(m, () => reg.regulator_set_voltage(r, 1_000_000, 1_500_000))).toBe(0);
    expect(kcall(m, () => reg.regulator_get_voltage(r))).toBe(1_200_000);
    expect(kcall(m, () => reg.regulator_set_voltage(r, 5_000_000, 5_000_000))).toBe(-22);
    expect(klog(m)).toContain('LDO1: unsupportable voltage range: 5000000-3300000uV');
    expect(kcall(m, () => reg.regulator_disable(r))).toBe(0);
    expect(calls).toEqual(['enable', 'set 1200000-1500000', 'disable']);
    // A second disable is unbalanced: WARN and -EIO, the hardware untouched.
    expect(kcall(m, () => reg.regulator_disable(r))).toBe(-5);
    expect(klog(m)).toContain('unbalanced disables for LDO1');
    expect(calls).toHaveLength(3);
    m.inspect(() => reg.regulator_put(r));
    expect(sh(m, 'ls /sys/class/regulator/regulator.1/kwb-cons-vcc 2>&1 | head -c 3')).toBe('ls:');
    kcall(m, () => reg.regulator_unregister(rdev));
    expect(sh(m, 'ls /sys/class/regulator')).toBe('regulator.0\n');
  });

  it('without REGULATOR_CHANGE_VOLTAGE a request is accepted only when the present voltage lies in it', () => {
    const m = boot();
    const calls: string[] = [];
    const { cons } = ldo(m, calls, reg.REGULATOR_CHANGE_STATUS);
    const r = kcall(m, () => reg.regulator_get(cons.dev, 'vcc'));
    if (typeof r === 'number') throw new Error(`regulator_get: ${r}`);
    expect(kcall(m, () => reg.regulator_set_voltage(r, 3_000_000, 3_600_000))).toBe(0);
    expect(kcall(m, () => reg.regulator_set_voltage(r, 1_800_000, 1_800_000))).toBe(-1);
    expect(klog(m)).toContain('LDO1: voltage operation not allowed');
    expect(calls).toEqual([]);
  });

  it('a C consumer gets the dummy for undescribed supplies, enables both, and lets go on unbind (fixture regulator-consumer)', async () => {
    const m = boot();
    m.putFile('/root/kwb_reg_consumer.ko', await driver('regulator-consumer'));
    expect(sh(m, 'insmod /root/kwb_reg_consumer.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log).toContain('kwb-reg-consumer kwb-reg-consumer: supply vdd not found, using dummy regulator');
    expect(log).toContain('kwb-reg-consumer kwb-reg-consumer: supply vleds not found, using dummy regulator');
    // The dummy is always on and has no voltage: set_voltage cannot honour 1.8 V either.
    expect(log).toContain('kwb-reg-consumer kwb-reg-consumer: vdd enabled 1, voltage -22, set 1.8V: -22');
    expect(log).toContain('kwb-reg-consumer kwb-reg-consumer: dummy supplies not allowed for exclusive requests');
    expect(log).toContain('kwb-reg-consumer kwb-reg-consumer: exclusive vpll: -19');
    expect(log).toContain('kwb-reg-consumer kwb-reg-consumer: optional vbat: -19');
    expect(sh(m, 'cd /sys/class/regulator/regulator.0; cat num_users; readlink kwb-reg-consumer-vdd kwb-reg-consumer-vleds')).toBe(
      '3\n../../../kwb-reg-consumer\n../../../kwb-reg-consumer\n',
    );
    expect(sh(m, 'rmmod kwb_reg_consumer; echo rc=$?; cd /sys/class/regulator/regulator.0; cat num_users; ls')).toBe(
      'rc=0\n1\ndevice\nname\nnum_users\npower\nrequested_microamps\nsubsystem\nsuspend_disk_state\nsuspend_mem_state\nsuspend_standby_state\ntype\nuevent\n',
    );
    expect(dmesg(m).filter((l) => /WARNING|BUG/.test(l))).toEqual([]);
  }, 300_000);
});
