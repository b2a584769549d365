// PCI on the simulated machine: enumeration and resources against the Linux 6.1 reference, lspci/setpci, a TypeScript edu driver (MMIO, MSI and INTx interrupts, DMA), DMA faults, spurious interrupts, hotplug with uevents.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { reference } from '../../fixtures/reference.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { kernel_thread } from '../../../kernel-sim/kernel/fork.ts';
import { printkState } from '../../../kernel-sim/kernel/printk/printk.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { trace_subscribe } from '../../../kernel-sim/kernel/trace/trace.ts';
import { PCI_IRQ_LEGACY, PCI_IRQ_MSI } from '../../../kernel-sim/include/linux/pci.ts';
import { make_edu_driver, pci_register_driver, type edu_state } from './edu-driver.ts';
import { pci_get_domain_bus_and_slot } from '../../../kernel-sim/drivers/pci/probe.ts';
import { request_irq } from '../../../kernel-sim/kernel/irq/manage.ts';
import { IRQ_NONE, IRQF_SHARED, irq_to_desc } from '../../../kernel-sim/kernel/irq/irqdesc.ts';
import { readl, writel, ioremap } from '../../../kernel-sim/arch/x86/io.ts';
import { pci_enable_device } from '../../../kernel-sim/drivers/pci/pci.ts';
import { PCI_IDS } from '../../../kernel-sim/user/bin/pciutils/pci_ids_data.ts';

const ref = (f: string): string[] => reference(f).replace(/\n$/, '').split('\n').slice(1);
const machine = (name: string): Machine => {
  const m = new Machine({ dts: readFileSync(`resources/machines/${name}.dts`, 'utf8'), dtsName: `${name}.dts` });
  m.boot();
  // The reference machine's kernel has virtio as modules (its kernel config): capture.sh loads them first.
  m.runCommand('modprobe -q virtio_pci; modprobe -q virtio_blk');
  return m;
};
const run = (m: Machine, cmd: string): string => m.runCommand(cmd).output;
const dmesg = (m: Machine): string[] => m.inspect(() => printkState().records.map((r) => r.text));

/** Registers the edu driver from a kernel thread and runs until its probe finished. */
function load_edu(m: Machine, irq_flags = PCI_IRQ_MSI | PCI_IRQ_LEGACY, dma = true): { devices: edu_state[]; ret: { r: number | null } } {
  const { drv, devices } = make_edu_driver({ irq_flags, dma });
  const ret = { r: null as number | null };
  m.inspect(() => kernel_thread(function* () { ret.r = yield* pci_register_driver(drv); return 0; }, 'edu-load'));
  for (let i = 0; i < 50 && ret.r === null; i++) m.runFor(100_000_000);
  return { devices, ret };
}

describe('enumeration and resources on the reference machine (qemu-q35-reference.dts)', () => {
  const m = machine('qemu-q35-reference');

  it('dmesg has the probe.c lines of the reference boot, in order', () => {
    const want = ref('dmesg-after-probe.txt').map((l) => l.replace(/^\[[ 0-9.]+\] /, '')).filter((l) => /^(pci |pci_bus |PCI host bridge)/.test(l));
    const got = dmesg(m).filter((l) => /^(pci |pci_bus |PCI host bridge)/.test(l) && !/vgaarb/.test(l));
    expect(got).toEqual(want.filter((l) => !/vgaarb/.test(l)));
  });

  it('lspci -nn, lspci -tv and lspci -xxx match the reference line for line', () => {
    expect(run(m, 'lspci -nn')).toBe(ref('lspci-nn.txt').join('\n') + '\n');
    expect(run(m, 'lspci -tv')).toBe(ref('lspci-tv.txt').join('\n') + '\n');
    expect(run(m, 'lspci -xxx -s 00:02.0')).toBe(ref('lspci-xxx-edu.txt').join('\n') + '\n');
  });

  it('/proc/ioports is identical; /proc/iomem is identical but for edu\'s region (its driver is not loaded here; virtio-pci\'s is)', () => {
    expect(run(m, 'cat /proc/ioports')).toBe(ref('proc-ioports.txt').join('\n') + '\n');
    const want = ref('proc-iomem.txt').filter((l) => !/ : edu$/.test(l));
    expect(run(m, 'cat /proc/iomem')).toBe(want.join('\n') + '\n');
  });

  it('sysfs: the device list, resource, config size, vendor/class/modalias/uevent as the reference', () => {
    expect(run(m, 'ls /sys/bus/pci/devices')).toBe('0000:00:00.0\n0000:00:01.0\n0000:00:02.0\n0000:00:03.0\n0000:00:1f.0\n0000:00:1f.2\n0000:00:1f.3\n');
    const rawl = ref('sysfs-pci-raw.txt');
    const raw = rawl.join('\n');
    const vga = /== 0000:00:01\.0\n[\s\S]*?resource:\n([\s\S]*?)uevent:/.exec(raw)![1];
    const edu_at = rawl.indexOf('== 0000:00:02.0');
    expect(run(m, 'cat /sys/bus/pci/devices/0000:00:01.0/resource')).toBe(vga);
    for (const f of ['vendor', 'device', 'subsystem_vendor', 'subsystem_device', 'class', 'revision', 'modalias', 'local_cpulist']) {
      const line = rawl.slice(edu_at).find((l) => l.startsWith(`${f}: `))!.slice(f.length + 2);
      expect(run(m, `cat /sys/bus/pci/devices/0000:00:02.0/${f}`)).toBe(`${line}\n`);
    }
    expect(run(m, 'wc -c < /sys/bus/pci/devices/0000:00:02.0/config').trim()).toBe('256');
    expect(run(m, 'cat /sys/bus/pci/devices/0000:00:1f.3/uevent')).toBe('PCI_CLASS=C0500\nPCI_ID=8086:2930\nPCI_SUBSYS_ID=1AF4:1100\nPCI_SLOT_NAME=0000:00:1f.3\nMODALIAS=pci:v00008086d00002930sv00001AF4sd00001100bc0Csc05i00\n');
  });

  it('setpci sizes BAR0 of edu: all ones reads back the 1 MiB mask', () => {
    expect(run(m, 'setpci -s 00:02.0 BASE_ADDRESS_0=ffffffff; setpci -s 00:02.0 BASE_ADDRESS_0')).toBe('fff00000\n');
    expect(run(m, 'setpci -s 00:02.0 BASE_ADDRESS_0=fea00000; setpci -s 00:02.0 10.l; setpci -s 00:02.0 VENDOR_ID DEVICE_ID')).toBe('fea00000\n1234\n11e8\n');
  });

  it('/proc/bus/pci/devices lists every function; /proc/bus/pci/00/02.0 is its config space', () => {
    const lines = run(m, 'cat /proc/bus/pci/devices').split('\n').filter(Boolean);
    expect(lines).toHaveLength(7);
    expect(lines[2]).toMatch(/^0010\t123411e8\tb\t        fea00000\t/);
    expect(run(m, 'od -A x -t x1 -N 4 /proc/bus/pci/00/02.0').split('\n')[0]).toBe('000000 34 12 e8 11');
  });

  it('the shipped pci.ids is the one in resources/', () => {
    expect(PCI_IDS).toBe(readFileSync('resources/pci.ids', 'utf8'));
  });
});

describe('a TypeScript edu driver on the reference machine', () => {
  const m = machine('qemu-q35-reference');
  const faults: string[] = [];
  m.inspect(() => machine_hw()!.ctx.log.subscribe((e: { message: string }) => faults.push(e.message)));
  const { devices, ret } = load_edu(m);

  it('probes: enable, BAR0 mapped, ID 0x010000ed, liveness, 5! = 120 by MSI, DMA round trip', () => {
    expect(ret.r).toBe(0);
    expect(devices).toHaveLength(1);
    const e = devices[0]!;
    expect(e.id).toBe(0x010000ed);
    expect(e.liveness_ok).toBe(true);
    expect(e.mode).toBe('msi');
    // 24-26 are virtio0's (config, req.0, req.1), as in the reference's /proc/interrupts.
    expect(e.irq).toBe(27);
    expect(e.fact5).toBe(120);
    expect(e.dma_ok).toBe(true);
    expect(e.irq_count).toBe(3);
    expect(dmesg(m).some((l) => l === 'edu 0000:00:02.0: probe: id=0x010000ed (v1.0) liveness ok, 5! = 120, msi irq 27')).toBe(true);
  });

  it('/proc/interrupts shows the MSI line like the reference rows; lspci shows the driver and MSI enabled', () => {
    const lines = run(m, 'cat /proc/interrupts').split('\n');
    expect(lines[0]).toBe(ref('proc-interrupts.txt')[0]);
    const row = lines.find((l) => l.startsWith(' 27:'))!;
    expect(row).toMatch(/^ 27: +\d+ +\d+   PCI-MSI 32768-edge      edu$/);
    expect(lines.find((l) => l.startsWith(' 25:'))).toMatch(/PCI-MSI 49153-edge      virtio0-req\.0$/);
    const counts = row.split(/\s+/).slice(2, 4).map(Number);
    expect(counts[0]! + counts[1]!).toBe(3);
    for (const r of ref('proc-interrupts.txt').slice(1).filter((l) => /^ *[A-Z]{3}:/.test(l))) {
      expect(lines.some((l) => l.slice(0, 4) === r.slice(0, 4) && l.endsWith(r.slice(26)))).toBe(true);
    }
    const vv = run(m, 'lspci -vv -nn -k -s 00:02.0');
    expect(vv).toContain('\tControl: I/O+ Mem+ BusMaster+ ');
    expect(vv).toContain('\tCapabilities: [40] MSI: Enable+ Count=1/1 Maskable- 64bit+\n');
    expect(vv).toContain('\tKernel driver in use: edu\n');
    expect(run(m, 'cat /proc/iomem')).toContain('  fea00000-feafffff : 0000:00:02.0\n    fea00000-feafffff : edu\n');
    expect(run(m, 'ls /sys/bus/pci/devices/0000:00:02.0/msi_irqs; cat /sys/bus/pci/devices/0000:00:02.0/msi_irqs/27')).toBe('27\nmsi\n');
    expect(run(m, 'ls /proc/irq/27')).toContain('edu');
  });

  it('a DMA to RAM the driver never mapped is refused and reported with its addresses', () => {
    const before = faults.length;
    m.inspect(() => {
      const e = devices[0]!;
      writel(0x01000000, e.bar0 + 0x80);
      writel(0x40000, e.bar0 + 0x88);
      writel(64, e.bar0 + 0x90);
      writel(0x1, e.bar0 + 0x98);
    });
    m.runFor(200_000_000);
    const f = faults.slice(before).join('\n');
    expect(f).toContain('0x1000000');
    expect(f).toContain('never mapped for DMA');
    expect(dmesg(m)).toContain('DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x1000000 [fault reason 0x06] PTE Read access is not set');
  });

  it('unbinding through sysfs runs remove: the irq, the region and the driver link go away', () => {
    run(m, 'echo 0000:00:02.0 > /sys/bus/pci/drivers/edu/unbind');
    expect(run(m, 'cat /proc/interrupts')).not.toMatch(/ edu$/m);
    expect(run(m, 'cat /proc/iomem')).not.toContain(': edu');
    expect(run(m, 'readlink /sys/bus/pci/devices/0000:00:02.0/driver; echo $?')).toBe('1\n');
    expect(dmesg(m)).toContain('edu 0000:00:02.0: removed');
  });
});

describe('interrupts', () => {
  it('INTx: the edu driver gets IRQ 22 on the default machine, a level-triggered IO-APIC line', () => {
    const m = machine('default');
    expect(run(m, 'lspci -nn')).toContain('00:02.0 Unclassified device [00ff]: Device [1234:11e8] (rev 10)\n');
    const { devices } = load_edu(m, PCI_IRQ_LEGACY, false);
    expect(devices[0]!.mode).toBe('intx');
    expect(devices[0]!.irq).toBe(22);
    expect(devices[0]!.fact5).toBe(120);
    expect(dmesg(m)).toContain('ACPI: \\_SB_.GSIG: Enabled at IRQ 22');
    expect(run(m, 'cat /proc/interrupts')).toMatch(/\n 22: +\d+ +\d+   IO-APIC  22-fasteoi   edu\n/);
    expect(run(m, 'cat /sys/bus/pci/devices/0000:00:02.0/irq')).toBe('22\n');
  });

  it('a stuck level line nobody handles: "nobody cared" after 100,000 interrupts, then the line is disabled', () => {
    const m = machine('default');
    m.inspect(() => {
      const pdev = pci_get_domain_bus_and_slot(0, 0, 0x10)!;
      expect(pci_enable_device(pdev)).toBe(0);
      expect(request_irq(pdev.irq, function never_mine() { return IRQ_NONE; }, IRQF_SHARED, 'bogus', {})).toBe(0);
      const bar = ioremap(0xfea00000, 0x1000);
      writel(1, bar + 0x60); // raise and never acknowledge
      expect(readl(bar + 0x24)).toBe(1);
    });
    const log = dmesg(m);
    const i = log.indexOf('irq 22: nobody cared (try booting with the "irqpoll" option)');
    expect(i).toBeGreaterThan(0);
    expect(log.slice(i)).toContain('handlers:');
    expect(log.slice(i).some((l) => /^\[<[0-9a-f]{16}>\] never_mine$/.test(l))).toBe(true);
    expect(log).toContain('Disabling IRQ #22');
    const count = m.inspect(() => irq_to_desc(22)!.kstat_irqs.reduce((a, b) => a + b, 0));
    expect(count).toBe(100000);
  });
});

describe('hotplug', () => {
  it('a device added to the hardware appears on rescan with an ADD uevent and an assigned BAR; remove takes it away with REMOVE', () => {
    const m = machine('default');
    const events: string[] = [];
    m.inspect(() => trace_subscribe((ev) => { if (ev.name === 'uevent') events.push(`${(ev.args as { action: string }).action}@${(ev.args as { devpath: string }).devpath}`); }));
    const r = m.inspect(() => machine_hw()!.device_add('/pcie@b0000000', 'edu@5 { compatible = "qemu,edu"; reg = <0x2800 0 0 0 0>; };'));
    expect(r.ok).toBe(true);
    expect(run(m, 'lspci -s 00:05.0')).toBe('');
    run(m, 'echo 1 > /sys/bus/pci/rescan');
    expect(run(m, 'lspci -n -s 00:05.0')).toBe('00:05.0 00ff: 1234:11e8 (rev 10)\n');
    expect(events).toContain('add@/devices/pci0000:00/0000:00:05.0');
    expect(dmesg(m).some((l) => /^pci 0000:00:05\.0: BAR 0 \[mem 0x[0-9a-f]{8}-0x[0-9a-f]{8}\]: assigned$/.test(l))).toBe(true);
    const res = run(m, 'head -1 /sys/bus/pci/devices/0000:00:05.0/resource');
    expect(res).toMatch(/^0x00000000[0-9a-f]{8} 0x00000000[0-9a-f]{8} 0x0000000000040200\n$/);
    run(m, 'echo 1 > /sys/bus/pci/devices/0000:00:05.0/remove');
    expect(events).toContain('remove@/devices/pci0000:00/0000:00:05.0');
    expect(run(m, 'ls /sys/bus/pci/devices')).not.toContain('0000:00:05.0');
    expect(run(m, 'cat /proc/iomem')).not.toContain('0000:00:05.0');
  });
});
