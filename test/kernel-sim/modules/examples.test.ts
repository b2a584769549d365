// The procfs and sysfs fixture drivers as loaded modules: proc_ops and seq_file in C, a kobject with attributes under /sys/kernel.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { driver, machine, sh, dmesg } from './helpers.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { Machine } from '../../../kernel-sim/machine.ts';

let procfs: Uint8Array;
let sysfs: Uint8Array;
beforeAll(async () => {
  procfs = await driver('procfs');
  sysfs = await driver('sysfs');
}, 180_000);

describe('procfs_demo.ko', () => {
  it('/proc/kwb_counter reads and writes through proc_ops; /proc/kwb_seq iterates a seq_file; both go at rmmod', () => {
    const m = machine({ '/root/procfs_demo.ko': procfs });
    expect(sh(m, 'insmod /root/procfs_demo.ko; cat /proc/kwb_counter; echo 42 > /proc/kwb_counter; cat /proc/kwb_counter')).toBe('0\n42\n');
    expect(sh(m, 'cat /proc/kwb_seq')).toBe([0, 1, 2, 3, 4].map((i) => `line ${i}: counter=42\n`).join(''));
    expect(sh(m, 'stat -c "%A %n" /proc/kwb_counter /proc/kwb_seq')).toBe('-rw-r--r-- /proc/kwb_counter\n-r--r--r-- /proc/kwb_seq\n');
    expect(sh(m, 'echo nope > /proc/kwb_counter; echo rc=$?; cat /proc/kwb_counter')).toMatch(/rc=1\n42\n$/);
    expect(sh(m, 'rmmod procfs_demo; echo rc=$?; ls /proc/kwb_seq 2>&1 | head -c 3')).toBe('rc=0\nls:');
    const log = dmesg(m);
    expect(log).toContain('/proc/kwb_counter and /proc/kwb_seq removed');
    expect(log.some((l) => l.includes('kmemleak') || l.includes('still held'))).toBe(false);
  });
});

describe('sysfs_demo.ko', () => {
  it('/sys/kernel/kwb_demo/{myvariable,hits} with their modes; store parses with kstrtoint', () => {
    const m = machine({ '/root/sysfs_demo.ko': sysfs });
    sh(m, 'insmod /root/sysfs_demo.ko');
    expect(sh(m, 'stat -c "%A %n" /sys/kernel/kwb_demo/*')).toBe('-r--r--r-- /sys/kernel/kwb_demo/hits\n-rw-rw---- /sys/kernel/kwb_demo/myvariable\n');
    expect(sh(m, 'cat /sys/kernel/kwb_demo/myvariable; echo 17 > /sys/kernel/kwb_demo/myvariable; cat /sys/kernel/kwb_demo/myvariable /sys/kernel/kwb_demo/hits')).toBe('0\n17\n2\n');
    expect(sh(m, 'echo x > /sys/kernel/kwb_demo/myvariable; echo rc=$?; cat /sys/kernel/kwb_demo/myvariable')).toMatch(/rc=1\n17\n$/);
    expect(sh(m, 'rmmod sysfs_demo; echo rc=$?; ls /sys/kernel/kwb_demo 2>&1 | head -c 3')).toBe('rc=0\nls:');
    expect(dmesg(m)).toContain('sysfs_demo: /sys/kernel/kwb_demo removed');
  });
});

describe('kwb_apis.ko (timers, hrtimers, tasklets, workqueues, kthreads, semaphores, array and string parameters)', () => {
  it('runs its kthread and timers in virtual time and unloads cleanly', async () => {
    const ko = await driver('apis');
    const m = machine({ '/root/kwb_apis.ko': ko });
    expect(sh(m, 'insmod /root/kwb_apis.ko weights=5,6 label=tour; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).find((l) => l.startsWith('kwb_apis: loaded:'))).toMatch(/^kwb_apis: loaded: tour, sum of weights 11, ktime \d+ ns$/);
    expect(sh(m, 'cat /sys/module/kwb_apis/parameters/weights /sys/module/kwb_apis/parameters/label')).toBe('5,6\ntour\n');
    expect(sh(m, 'ps | grep -c "kwb_apis/0"')).toBe('1\n');
    sh(m, 'sleep 2');
    expect(sh(m, 'rmmod kwb_apis; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    const last = log.find((l) => l.startsWith('kwb_apis: unloaded after'))!;
    const ticks = Number(/after (\d+) ticks/.exec(last)![1]);
    expect(ticks).toBeGreaterThanOrEqual(19);
    expect(ticks).toBeLessThanOrEqual(22);
    expect(last).toMatch(/bit 3 set$/);
    expect(log.some((l) => l.includes('still held') || l.includes('kmemleak'))).toBe(false);
    expect(sh(m, 'ps | grep -c "kwb_apis/0"')).toBe('0\n');
  }, 60_000);
});

describe('kwb_gpio.ko (platform driver with of_match_table, devm resources, dev_groups)', () => {
  it('probes the default machine\'s kwb,simple-gpio node (populated from the device tree) and drives the GPIO model', async () => {
    const { machine_hw } = await import('../../../kernel-sim/machine/hardware.ts');
    const ko = await driver('platform');
    const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8'), dtsName: 'default.dts' });
    m.boot();
    m.putFile('/root/kwb_gpio.ko', ko);
    // The node became fed70000.gpio at boot, with its reg as a memory resource, and waits unbound.
    expect(sh(m, 'readlink /sys/bus/platform/devices/fed70000.gpio/of_node; ls /sys/bus/platform/devices/fed70000.gpio/driver 2>&1 | head -c 3'))
      .toBe('../../../firmware/devicetree/base/gpio@fed70000\nls:');
    expect(sh(m, 'insmod /root/kwb_gpio.ko; echo rc=$?; ls /sys/module/kwb_gpio/drivers; readlink /sys/bus/platform/devices/fed70000.gpio/driver'))
      .toBe('rc=0\nplatform:kwb-gpio\n../../../bus/platform/drivers/kwb-gpio\n');
    expect(dmesg(m)).toContain('kwb-gpio fed70000.gpio: 8 lines at [mem 0xfed70000-0xfed70fff]');
    expect(sh(m, 'cat /sys/bus/platform/devices/fed70000.gpio/ngpios; stat -c %A /sys/bus/platform/devices/fed70000.gpio/value')).toBe('8\n-rw-r--r--\n');
    // value writes SET/CLR on the model: the pins follow, and reading DAT gives them back.
    expect(sh(m, 'echo 0xa5 > /sys/bus/platform/devices/fed70000.gpio/value; echo rc=$?; cat /sys/bus/platform/devices/fed70000.gpio/value')).toBe('rc=0\n0xa5\n');
    const gpio = m.inspect(() => machine_hw()!.find_device('/gpio@fed70000') as unknown as { levels(): number; dirout: number });
    expect([gpio.levels(), gpio.dirout]).toEqual([0xa5, 0xff]);
    expect(sh(m, 'echo 0x100 > /sys/bus/platform/devices/fed70000.gpio/value; echo rc=$?')).toMatch(/rc=1\n$/);
    expect(sh(m, 'rmmod kwb_gpio; echo rc=$?; ls /sys/bus/platform/drivers/kwb-gpio 2>&1 | head -c 3')).toBe('rc=0\nls:');
    expect(dmesg(m)).toContain('kwb-gpio fed70000.gpio: removed');
    expect(dmesg(m).some((l) => l.includes('still held') || l.includes('kmemleak'))).toBe(false);
    // The device stays, unbound, for the next insmod.
    expect(sh(m, 'ls /sys/bus/platform/devices/fed70000.gpio/driver 2>&1 | head -c 3; cat /sys/bus/platform/devices/fed70000.gpio/modalias')).toBe('ls:of:NgpioT(null)Ckwb,simple-gpio\n');
  });

  it('MODULE_DEVICE_TABLE(of) gives of: aliases; udev loads the module for the node\'s MODALIAS (udevadm trigger after depmod)', async () => {
    const ko = await driver('platform');
    const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8'), dtsName: 'default.dts' });
    m.boot();
    m.putFile('/lib/modules/6.1.0-kwb/extra/kwb_gpio.ko', ko);
    expect(sh(m, 'modinfo -F alias /lib/modules/6.1.0-kwb/extra/kwb_gpio.ko')).toBe('of:N*T*Ckwb,simple-gpio\nof:N*T*Ckwb,simple-gpioC*\n');
    expect(sh(m, 'depmod; grep kwb_gpio /lib/modules/6.1.0-kwb/modules.alias')).toBe('alias of:N*T*Ckwb,simple-gpio kwb_gpio\nalias of:N*T*Ckwb,simple-gpioC* kwb_gpio\n');
    expect(sh(m, 'lsmod | grep -c kwb_gpio')).toBe('0\n');
    sh(m, 'udevadm trigger --action=add; udevadm settle; sleep 1');
    expect(sh(m, 'lsmod | grep -c kwb_gpio; readlink /sys/bus/platform/devices/fed70000.gpio/driver')).toBe('1\n../../../bus/platform/drivers/kwb-gpio\n');
  });
});
