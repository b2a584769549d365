// Each device's power/ directory at boot against Linux's (pci-runtime-pm.txt, edu-power-dir.txt), and control/autosuspend_delay_ms acting on runtime PM (control's sysfs_streq: one trailing newline, not two).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { kernel_thread } from '../../../kernel-sim/kernel/fork.ts';
import { PCI_IRQ_LEGACY, PCI_IRQ_MSI } from '../../../kernel-sim/include/linux/pci.ts';
import { pci_get_domain_bus_and_slot } from '../../../kernel-sim/drivers/pci/probe.ts';
import { device_init_wakeup, device_may_wakeup } from '../../../kernel-sim/drivers/base/power/wakeup.ts';
import { make_edu_driver, pci_register_driver } from '../pci/edu-driver.ts';

const ref = (f: string): string => readFileSync(new URL(`../../fixtures/reference/linux-6.1/${f}`, import.meta.url), 'utf8');
/** runtime_active_time counts virtual milliseconds since enumeration: compared as "a positive number". */
const norm = (ls: string[]): string[] => ls.map((l) => l.replace(/^(runtime_active_time): [1-9]\d*$/, '$1: N'));
/** The guest's cat names the file in a read error where BusyBox's says "read error" (user/bin's wording, not the kernel's): the errno is what is compared. */
const cat_err = (ls: string[]): string[] => ls.map((l) => l.replace(/cat: \S+: Input\/output error$/, 'cat: read error: Input/output error'));

describe('power/ of every device', () => {
  // The reference machine (q35 with edu and virtio-blk), its edu driver loaded as when the reference was taken.
  const m = new Machine({ dts: readFileSync('resources/machines/qemu-q35-reference.dts', 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  m.runCommand('modprobe virtio_pci; modprobe virtio_blk'); // as capture.sh: virtio is modular in the reference's kernel
  const { drv } = make_edu_driver({ irq_flags: PCI_IRQ_MSI | PCI_IRQ_LEGACY, dma: true });
  const ret = { r: null as number | null };
  m.inspect(() => kernel_thread(function* () { ret.r = yield* pci_register_driver(drv); return 0; }, 'edu-load'));
  for (let i = 0; i < 50 && ret.r === null; i++) m.runFor(100_000_000);

  it('PCI devices: async, forbidden, active, usage 1 (+1 while a driver is bound), EIO from autosuspend_delay_ms, as pci-runtime-pm.txt', () => {
    const cmd = 'for d in /sys/bus/pci/devices/*; do echo "== ${d##*/}"; for f in $d/power/*; do echo "${f##*/}: $(cat $f 2>&1)"; done; done';
    const got = m.runCommand(cmd).output.split('\n').filter(Boolean);
    const want = ref('pci-runtime-pm.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ret.r).toBe(0);
    expect(norm(cat_err(got))).toEqual(norm(want));
  });
});

describe('power/ of the edu device, and control acting on runtime PM', () => {
  const m = new Machine({ dts: readFileSync('resources/machines/qemu-q35-reference.dts', 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  m.runCommand('modprobe virtio_pci; modprobe virtio_blk'); // as capture.sh: virtio is modular in the reference's kernel

  it('lists the files of edu-power-dir.txt with their modes', () => {
    const got = m.runCommand('ls -la /sys/bus/pci/devices/0000:00:02.0/power/').output.split('\n').filter(Boolean);
    const want = ref('edu-power-dir.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    const cols = (l: string): string => { const f = l.split(/\s+/); return f.length > 8 ? `${f[0]} ${f[4]} ${f.slice(8).join(' ')}` : l; };
    expect(got.map(cols)).toEqual(want.map(cols));
  });

  it('control: auto lets an unbound device suspend (its time counts as suspended), on resumes it; autosuspend_delay_ms stays EIO', () => {
    const d = '/sys/bus/pci/devices/0000:00:01.0/power';
    const show = (): string => m.runCommand(`cd ${d} && grep . control runtime_enabled runtime_status runtime_usage`).output;
    expect(m.runCommand(`echo auto > ${d}/control`).status).toBe(0);
    m.runFor(20_000_000);
    expect(show()).toBe('control:auto\nruntime_enabled:enabled\nruntime_status:suspended\nruntime_usage:0\n');
    m.runFor(50_000_000);
    expect(Number(m.runCommand(`cat ${d}/runtime_suspended_time`).output)).toBeGreaterThanOrEqual(50);
    expect(m.runCommand(`echo on > ${d}/control`).status).toBe(0);
    expect(show()).toBe('control:on\nruntime_enabled:forbidden\nruntime_status:active\nruntime_usage:1\n');
    // The guest's echo reports a failed write only by its status.
    expect(m.runCommand(`echo bogus > ${d}/control; echo $?; cat ${d}/control`).output).toBe('1\non\n');
    expect(m.runCommand(`echo 100 > ${d}/autosuspend_delay_ms; echo $?`).output).toBe('1\n');
  });

  it('control_store compares the whole write with sysfs_streq: one trailing newline is allowed, two are EINVAL, and printf says so', () => {
    // printf writes its output once, at exit (stdio): the store sees "auto\n\n" whole and refuses it.
    const d = '/sys/bus/pci/devices/0000:00:01.0/power';
    expect(m.runCommand(`printf 'auto\\n\\n' > ${d}/control; echo rc=$?; cat ${d}/control`).output).toBe('printf: write error: Invalid argument\nrc=1\non\n');
    expect(m.runCommand(`strace printf 'off\\n' 2>&1 > ${d}/control | grep '^write(1'`).output).toMatch(/^write\(1, "off\\n", 4\) +=  ?-1 EINVAL \(Invalid argument\)\n$/);
    expect(m.runCommand(`printf auto > ${d}/control; echo rc=$?; printf 'on\\n' > ${d}/control; echo rc=$?; cat ${d}/control`).output).toBe('rc=0\nrc=0\non\n');
  });
});

describe('power/wakeup', () => {
  const m = new Machine({ dts: readFileSync('resources/machines/qemu-q35-reference.dts', 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  m.runCommand('modprobe virtio_pci; modprobe virtio_blk'); // as capture.sh: virtio is modular in the reference's kernel
  const d = '/sys/bus/pci/devices/0000:00:02.0/power';

  it('appears when the device becomes wakeup-capable, takes enabled/disabled, and leaves with the capability', () => {
    expect(m.runCommand(`ls ${d}`).output).not.toMatch(/wakeup/);
    const dev = m.inspect(() => pci_get_domain_bus_and_slot(0, 0, 0x10)!.dev);
    m.inspect(() => device_init_wakeup(dev, true));
    expect(m.runCommand(`cat ${d}/wakeup; echo disabled > ${d}/wakeup; cat ${d}/wakeup`).output).toBe('enabled\ndisabled\n');
    expect(m.inspect(() => device_may_wakeup(dev))).toBe(false);
    expect(m.runCommand(`echo maybe > ${d}/wakeup; echo $?`).output).toBe('1\n');
    m.inspect(() => device_init_wakeup(dev, false));
    expect(m.runCommand(`ls ${d}`).output).not.toMatch(/wakeup/);
  });
});
