// PCI benchmarks: enumeration of bench-256.dts (256 functions behind 16 bridges; target < 20 ms wall) and MMIO reads/writes per second from kernel code (readl/writel on edu's BAR0).
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { Machine } from '../kernel-sim/machine.ts';
import { pci_scan_root_bus, pci_walk_bus } from '../kernel-sim/drivers/pci/probe.ts';
import { pci_root_ops } from '../kernel-sim/drivers/pci/access.ts';
import { pciState } from '../kernel-sim/drivers/pci/pci-state.ts';
import { IORESOURCE_IO, IORESOURCE_MEM, type resource } from '../kernel-sim/kernel/resource.ts';
import { ioremap, readl, writel } from '../kernel-sim/arch/x86/io.ts';

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2; };
const win = (start: number, end: number, flags: number): resource => ({ start, end, name: '', flags, desc: 0, parent: null, child: [] });

export default function bench(): Record<string, number> {
  const m = new Machine({ dts: readFileSync('resources/machines/bench-256.dts', 'utf8'), dtsName: 'bench-256.dts' });
  m.boot();
  const times: number[] = [];
  let functions = 0, bridges = 0;
  for (let i = 0; i < 12; i++) {
    m.inspect(() => {
      const t0 = performance.now();
      const bus = pci_scan_root_bus(0, 0, pci_root_ops, [win(0, 0xffff, IORESOURCE_IO), win(0xc0000000, 0xfebfffff, IORESOURCE_MEM)]);
      const dt = performance.now() - t0;
      const devs = [...pci_walk_bus(bus)];
      pciState().root_buses.pop();
      if (i >= 2) times.push(dt);
      bridges = devs.filter((d) => d.hdr_type === 1).length;
      functions = devs.length - bridges;
    });
  }
  const mmio = m.inspect(() => {
    const bar = ioremap(0xfea00000, 0x100000);
    if (readl(bar) !== 0x010000ed) {
      // bench-256 may place edu elsewhere: find the first edu BAR from sysfs-free kernel state.
      throw new Error('edu BAR0 not at 0xfea00000 on bench-256');
    }
    const n = 1_000_000;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) readl(bar);
    const r = n / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    for (let i = 0; i < n; i++) writel(i, bar + 4);
    const w = n / ((performance.now() - t0) / 1000);
    return { r, w };
  });
  return {
    pci_enum_bench256_ms: +median(times).toFixed(3),
    pci_enum_bench256_min_ms: +Math.min(...times).toFixed(3),
    pci_enum_functions: functions,
    pci_enum_bridges: bridges,
    mmio_readl_per_sec: Math.round(mmio.r),
    mmio_writel_per_sec: Math.round(mmio.w),
  };
}
