// Two machines with different boot configs in one process, their work interleaved: they share no kernel state (issue 11).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { pcibios_min_mem } from '../../../kernel-sim/drivers/pci/setup-res.ts';
import { kdata_lookup } from '../../../kernel-sim/kernel/kapi/registry.ts';
import { kbytes, kread_u64, kwrite_u64 } from '../../../kernel-sim/mm/kmem.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { pci_bus_type } from '../../../kernel-sim/drivers/pci/pci-driver.ts';
import { platform_bus_type } from '../../../kernel-sim/drivers/base/platform.ts';
import { bus_for_each_dev, bus_for_each_drv } from '../../../kernel-sim/drivers/base/bus.ts';
import { dev_name } from '../../../kernel-sim/drivers/base/core.ts';
import { driver, sh } from './helpers.ts';

const dts = readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8');
/** Machine B: 1 GiB of RAM, so PCI space (pcibios_min_mem) starts at 0x40000000 instead of 0x20000000. */
const dts_1g = dts.replace('(512 * 1024 * 1024)', '(1024 * 1024 * 1024)');

/** Machine C: no edu card at 00:02.0. */
const dts_no_edu = dts.replace(/\t\tedu: edu@2 \{[^}]*\};\n/, '');

let hello: Uint8Array, edu: Uint8Array;
beforeAll(async () => { hello = await driver('hello'); edu = await driver('edu'); }, 120_000);

describe('two machines in one process', () => {
  it('keep their own dmesg, /proc/iomem, modules, pids, pcibios_min_mem and kernel memory while their work interleaves', () => {
    expect(dts_1g).not.toBe(dts);
    const a = new Machine({ dts, dtsName: 'a.dts', cmdline: 'console=ttyS0 panic=-1 machine=a', seed: 1 });
    a.boot();
    const b = new Machine({ dts: dts_1g, dtsName: 'b.dts', cmdline: 'console=ttyS0 panic=-1 machine=b loglevel=7', seed: 99 });
    b.boot();
    // Interleave: a module goes into A after B booted, B runs processes, A runs more.
    a.putFile('/root/hello.ko', hello);
    expect(sh(a, 'insmod /root/hello.ko who=A; echo rc=$?')).toBe('rc=0\n');
    const b_pid_1 = Number(sh(b, 'sh -c "echo \\$\\$"').trim());
    for (let i = 0; i < 5; i++) sh(a, 'true');
    const b_pid_2 = Number(sh(b, 'sh -c "echo \\$\\$"').trim());
    // B's pids advance only by B's own work (its shell forks twice per command: the command and its sh -c).
    const b_pid_step = Number(sh(b, 'sh -c "echo \\$\\$"').trim()) - b_pid_2;
    expect(b_pid_2 - b_pid_1).toBe(b_pid_step);

    expect(sh(a, 'cat /proc/cmdline')).toBe('console=ttyS0 panic=-1 machine=a\n');
    expect(sh(b, 'cat /proc/cmdline')).toBe('console=ttyS0 panic=-1 machine=b loglevel=7\n');

    // pcibios_min_mem is per boot: each machine's own RAM top.
    expect(a.inspect(() => pcibios_min_mem())).toBe(0x20000000);
    expect(b.inspect(() => pcibios_min_mem())).toBe(0x40000000);
    expect(sh(a, 'dmesg')).toContain('[mem 0x20000000-0xafffffff] available for PCI devices');
    expect(sh(b, 'dmesg')).toContain('[mem 0x40000000-0xafffffff] available for PCI devices');
    expect(sh(b, 'dmesg')).not.toContain('hello');
    expect(sh(a, 'dmesg')).toContain('hello');

    const iomem_a = sh(a, 'cat /proc/iomem'), iomem_b = sh(b, 'cat /proc/iomem');
    expect(iomem_a).toMatch(/00100000-1ffdbfff : System RAM/);
    expect(iomem_b).toMatch(/00100000-3ffdbfff : System RAM/);
    expect(iomem_b).not.toMatch(/1ffdbfff : System RAM/);

    expect(sh(a, 'cat /proc/modules')).toMatch(/^hello /);
    expect(sh(b, 'cat /proc/modules')).toBe('');
    expect(sh(b, 'ls /sys/module | grep -c "^hello$"')).toBe('0\n');

    // kapi data: each kernel's exported objects live in its own memory; a write through A's address leaves B's alone.
    const [mem_a, addr_a] = a.inspect(() => [kbytes(), kdata_lookup('jiffies')!()] as const);
    const [mem_b, addr_b] = b.inspect(() => [kbytes(), kdata_lookup('jiffies')!()] as const);
    expect(mem_a.buffer).not.toBe(mem_b.buffer);
    const before_b = b.inspect(() => kread_u64(addr_b));
    a.inspect(() => kwrite_u64(addr_a, 0x1234_5678n));
    expect(a.inspect(() => kread_u64(addr_a))).toBe(0x1234_5678n);
    expect(b.inspect(() => kread_u64(addr_b))).toBe(before_b);

    // Work in B after all that leaves A's view unchanged.
    sh(b, 'echo b > /tmp/only-b');
    expect(sh(a, 'ls /tmp/only-b 2>&1; echo rc=$?')).toMatch(/rc=[12]/);
    expect(sh(a, 'cat /proc/cmdline')).toBe('console=ttyS0 panic=-1 machine=a\n');
  });

  it('keep their own buses: each sees only its own PCI devices, and binding or unbinding a driver in one leaves the other alone', () => {
    expect(dts_no_edu).not.toBe(dts);
    const a = new Machine({ dts, dtsName: 'a.dts', cmdline: 'console=ttyS0 panic=-1', seed: 1 });
    a.boot();
    const c = new Machine({ dts: dts_no_edu, dtsName: 'c.dts', cmdline: 'console=ttyS0 panic=-1', seed: 2 });
    c.boot();
    // pci_bus_type is one static object; its devices and drivers are per machine (bus_for_each_dev inside each kernel).
    const pci_a = a.inspect(() => bus_for_each_dev(pci_bus_type).map(dev_name));
    const pci_c = c.inspect(() => bus_for_each_dev(pci_bus_type).map(dev_name));
    expect(pci_a).toContain('0000:00:02.0');
    expect(pci_c).not.toContain('0000:00:02.0');
    expect(pci_c.length).toBe(pci_a.length - 1);
    expect(sh(a, 'ls /sys/bus/pci/devices').split('\n').filter(Boolean)).toEqual([...pci_a].sort());
    expect(sh(c, 'ls /sys/bus/pci/devices').split('\n').filter(Boolean)).toEqual([...pci_c].sort());
    expect(sh(c, 'ls /sys/bus/pci/devices | grep -cxF 0000:00:02.0')).toBe('0\n');

    // A driver bound in A only: edu.ko probes A's 00:02.0; C has neither the driver nor the binding.
    a.putFile('/root/edu.ko', edu);
    expect(sh(a, 'insmod /root/edu.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(a, 'ls /sys/bus/pci/drivers/edu')).toContain('0000:00:02.0');
    expect(sh(c, 'ls /sys/bus/pci/drivers/edu 2>&1; echo rc=$?')).toMatch(/rc=[12]/);
    expect(c.inspect(() => bus_for_each_drv(pci_bus_type).map((d) => d.name))).not.toContain('edu');

    // A static built-in platform driver is bound in both; unbinding it in A leaves C's binding (drv->p per machine).
    // (One with bind/unbind files: i8042 and the GPIO bank suppress them, as in Linux.)
    const drivers_a = a.inspect(() => bus_for_each_drv(platform_bus_type).filter((d) => !d.suppress_bind_attrs && bus_for_each_dev(platform_bus_type).some((x) => x.driver === d)).map((d) => d.name));
    expect(drivers_a.length).toBeGreaterThan(0);
    const name = drivers_a[0]!;
    const devs = a.inspect(() => bus_for_each_dev(platform_bus_type).filter((x) => x.driver?.name === name).map(dev_name));
    expect(sh(a, `ls /sys/bus/platform/drivers/${name}`)).toContain(devs[0]!);
    expect(sh(a, `echo ${devs[0]!} > /sys/bus/platform/drivers/${name}/unbind; echo rc=$?`)).toBe('rc=0\n');
    expect(sh(a, `ls /sys/bus/platform/drivers/${name}`)).not.toContain(devs[0]!);
    expect(sh(c, `ls /sys/bus/platform/drivers/${name}`)).toContain(devs[0]!);
    expect(c.inspect(() => bus_for_each_dev(platform_bus_type).find((x) => dev_name(x) === devs[0])?.driver?.name)).toBe(name);

    // A built-in PCI driver's dynamic IDs (new_id) belong to the machine they were written in.
    const new_id = 'echo "dead beef" > /sys/bus/pci/drivers/virtio-pci/new_id 2>&1; echo rc=$?';
    expect(sh(a, new_id)).toBe('rc=0\n');
    expect(sh(a, new_id)).toBe('rc=1\n'); // -EEXIST: A has that ID already
    expect(sh(c, new_id)).toBe('rc=0\n');
  });
});
