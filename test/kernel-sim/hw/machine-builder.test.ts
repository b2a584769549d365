// The machine builder: device tree to hardware, and malformed boot configs that boot nothing.
import { describe, expect, it } from 'vitest';
import { machine_build } from '../../../kernel-sim/hw/core/machine-builder.ts';
import { TestClock } from '../../../kernel-sim/hw/core/test-clock.ts';
import { EduState } from '../../../kernel-sim/hw/misc/edu.ts';
import { boot, machineSource } from './machine-harness.ts';

const build = (src: string) => machine_build(src, { file: 'lab.dts', clock: new TestClock(), sink: () => {} });

describe('machine_build', () => {
  it('default.dts: 2 CPUs, 512 MiB, bootargs, the PCI functions of the issue', () => {
    const { m } = boot('default.dts');
    expect(m.smp_cpus).toBe(2);
    expect(m.ram_size).toBe(512 * 1024 * 1024);
    expect(m.ram.size).toBe(512 * 1024 * 1024);
    expect(m.bootargs).toBe('console=ttyS0 panic=-1 root=/dev/vda1 rw rootfstype=ext2');
    expect([...m.pci_functions()].map((f) => `${f.type_info.name}`)).toEqual(['mch', 'edu', 'virtio-blk-pci', 'qemu-xhci', 'virtio-net-pci', 'pcie-root-port', 'pcie-pci-bridge', 'virtio-blk-pci', 'ICH9-LPC', 'ich9-ahci', 'ICH9-SMB']);
    expect(m.find_device('/pcie@b0000000/edu@2')!.id).toBe('edu');
    expect(m.serials.length).toBe(1);
  });

  it('minimal.dts: 1 CPU, 128 MiB, no PCI devices besides the chipset', () => {
    const { m } = boot('minimal.dts');
    expect(m.smp_cpus).toBe(1);
    expect(m.ram_size).toBe(128 << 20);
    expect([...m.pci_functions()].map((f) => f.type_info.name)).toEqual(['mch', 'ICH9-LPC']);
  });

  it('pci-lab.dts: three edu instances with their own knobs and names', () => {
    const { m } = boot('pci-lab.dts');
    const edus = [...m.pci_functions()].filter((f): f is EduState => f instanceof EduState);
    expect(edus.map((e) => e.id)).toEqual(['edu@02.0', 'edu@06.0', 'edu@1c.0/00.0/01.0']);
    expect(edus.map((e) => e.fact_delay_ns)).toEqual([1000, 10000, 10000]);
    expect(edus[1]!.dma_mask).toBe(0xffffffffn);
    expect(edus[1]!.dma_delay_ns).toBe(250_000_000);
    expect(m.smp_cpus).toBe(2);
  });

  it('a malformed .dts boots nothing and returns file:line:column errors', () => {
    const src = machineSource('default.dts').replace('compatible = "qemu,edu";', 'compatible = "qemu,edu"').replace('kwb,chassis = <1>;', 'kwb,chasis = <1>;');
    const r = build(src);
    expect(r.ok).toBe(false);
    const lines = src.split('\n');
    const eduLine = lines.findIndex((l) => l.includes('compatible = "qemu,edu"')) + 1;
    const col = lines[eduLine - 1]!.indexOf('"qemu,edu"') + '"qemu,edu"'.length + 1;
    expect(r.messages).toEqual([`lab.dts:${eduLine}:${col}: error: missing ';' after property "compatible"`]);
    // Once the syntax is fixed, the schema finds the typo.
    const r2 = build(src.replace('compatible = "qemu,edu"\n', 'compatible = "qemu,edu";\n'));
    expect(r2.ok).toBe(false);
    const chLine = lines.findIndex((l) => l.includes('kwb,chasis')) + 1;
    expect(r2.messages).toEqual([`lab.dts:${chLine}:4: error: unknown simulation property "kwb,chasis" for "qemu,pcie-root-port" (known: kwb,chassis, kwb,slot, kwb,port)`]);
  });

  it('function 1 without function 0 is refused with the reason', () => {
    const src = machineSource('minimal.dts').replace('\t\tisa@1f {', '\t\tedu@4,1 {\n\t\t\tcompatible = "qemu,edu";\n\t\t\treg = <0x2100 0 0 0 0>;\n\t\t};\n\n\t\tisa@1f {');
    const r = build(src);
    expect(r.ok).toBe(false);
    const line = src.split('\n').findIndex((l) => l.includes('edu@4,1')) + 1;
    expect(r.messages).toEqual([`lab.dts:${line}:3: error: slot 4 has function 1 but no function 0: Linux scans functions 1-7 only when function 0 exists`]);
  });

  it('two nodes on the same devfn are refused', () => {
    const src = machineSource('minimal.dts').replace('\t\tisa@1f {', '\t\ta@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; };\n\t\tb@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; };\n\t\tisa@1f {');
    const r = build(src);
    expect(r.ok).toBe(false);
    expect(r.messages.length).toBe(1);
    expect(r.messages[0]).toMatch(/^lab\.dts:\d+:3: error: devfn 2\.0 is already used by edu@02\.0$/);
  });

  it('status = "disabled" nodes build no hardware', () => {
    const src = machineSource('default.dts').replace('compatible = "qemu,edu";', 'compatible = "qemu,edu";\n\t\t\tstatus = "disabled";');
    const r = build(src);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.machine.pci_config_read(0, 0, 0x10, 0, 4)).toBe(0xffffffff);
  });

  it('hotplug: device_add puts a new edu in config space, device_del removes it', () => {
    const { m } = boot('default.dts');
    expect(m.pci_config_read(0, 0, 0x28, 0, 4)).toBe(0xffffffff);
    const r = m.device_add('/pcie@b0000000', 'edu@5 { compatible = "qemu,edu"; reg = <0x2800 0 0 0 0>; kwb,fact-delay-ns = <5>; };');
    expect(r.ok).toBe(true);
    expect(m.pci_config_read(0, 0, 0x28, 0, 4)).toBe(0x11e81234);
    expect(m.tree.root.children.find((c) => c.name === 'pcie@b0000000')!.children.some((c) => c.name === 'edu@5')).toBe(true);
    expect(m.device_del('/pcie@b0000000/edu@5')).toBe(true);
    expect(m.pci_config_read(0, 0, 0x28, 0, 4)).toBe(0xffffffff);
    expect(m.find_device('/pcie@b0000000/edu@5')).toBeUndefined();
  });

  it('hotplug errors come back as messages and change nothing', () => {
    const { m } = boot('default.dts');
    const bad = m.device_add('/pcie@b0000000', 'edu@5 { compatible = "qemu,edu"; kwb,bogus; };');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.messages).toEqual(['device_add:1:1: error: node /pcie@b0000000/edu@5 ("qemu,edu") is missing the required property "reg"', 'device_add:1:34: error: unknown simulation property "kwb,bogus" for "qemu,edu" (known: kwb,dma-mask, kwb,fact-delay-ns, kwb,dma-delay-ns)']);
    const taken = m.device_add('/pcie@b0000000', 'edu@2,0 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; };');
    expect(taken.ok).toBe(false);
    expect(m.tree.root.children.find((c) => c.name === 'pcie@b0000000')!.children.filter((c) => c.basename === 'edu').length).toBe(1);
    const nobus = m.device_add('/nope', 'x { };');
    expect(nobus.ok).toBe(false);
    const syntax = m.device_add('/pcie@b0000000', 'edu@5 {\n\tcompatible = "qemu,edu"\n};');
    expect(syntax.ok ? [] : syntax.messages).toEqual(['device_add:2:25: error: missing \';\' after property "compatible"']);
  });

  it('hotplug behind a bridge', () => {
    const { m } = boot('default.dts');
    const r = m.device_add('/pcie@b0000000/pcie@1c/pci-bridge@0', 'edu@3 { compatible = "qemu,edu"; reg = <0x1800 0 0 0 0>; };');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.dev.id).toBe('edu@1c.0/00.0/03.0');
  });
});

describe('bench-256.dts', () => {
  it('has 256 edu functions behind 16 bridges, all reachable once the bridges are numbered', () => {
    const { m } = boot('bench-256.dts');
    const fns = [...m.pci_functions()];
    expect(fns.filter((f) => f instanceof EduState).length).toBe(256);
    expect(fns.filter((f) => f.type_info.name === 'pci-bridge').length).toBe(16);
    // What pci_scan_bridge() does: bus b behind the bridge in slot b.
    for (let b = 1; b <= 16; b++) m.pci_config_write(0, 0, b << 3, 0x18, (b << 16) | (b << 8), 4);
    let found = 0;
    for (let bus = 1; bus <= 16; bus++) for (let dev = 0; dev < 32; dev++) if (m.pci_config_read(0, bus, dev << 3, 0, 2) === 0x1234) found++;
    expect(found).toBe(256);
  });
});
