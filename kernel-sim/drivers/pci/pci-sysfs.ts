// Models linux/drivers/pci/pci-sysfs.c: /sys/bus/pci/devices/DDDD:BB:DD.F attributes (vendor ... resource, enable, remove, rescan) and /sys/bus/pci/rescan; config and resourceN are in pci-sysfs-bin.ts, msi_irqs/ in msi/sysfs.ts.
import type { KGen } from '../../include/linux/sched.ts';
import { type pci_dev, PCI_BRIDGE_RESOURCES, PCI_NUM_RESOURCES, pci_power_names, to_pci_dev, pci_is_bridge } from '../../include/linux/pci.ts';
import { EINVAL, EIO, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import type { bus_attribute, device, device_attribute } from '../base/base.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { irqState } from '../../kernel/irq/irqdesc.ts';
import { dma_get_mask, dma_get_coherent_mask } from '../../kernel/dma/mapping.ts';
import { pci_enable_device, pci_disable_device } from './pci.ts';
import { pci_stop_and_remove_bus_device_locked, pci_rescan_bus, pci_rescan_all } from './remove.ts';
import { capable } from './pci-sysfs-bin.ts';

const hex = (n: number, w: number) => `0x${n.toString(16).padStart(w, '0')}`;
const P = (d: device) => to_pci_dev(d);
const ro = (name: string, show: (p: pci_dev) => string): device_attribute => ({ name, mode: 0o444, show: (d) => show(P(d)) });

function mask_bits(m: bigint): number {
  let n = 0;
  while (m > 0n) { n++; m >>= 1n; }
  return n;
}

function cpumask(): string { return ((1 << irqState().nr_cpus) - 1).toString(16); }
function cpulist(): string { const n = irqState().nr_cpus; return n > 1 ? `0-${n - 1}` : '0'; }

const dev_attr_enable: device_attribute = {
  name: 'enable', mode: 0o644,
  show: (d) => `${P(d).enable_cnt > 0 ? 1 : 0}\n`,
  store: (d, _a, buf) => {
    if (!capable()) return -EPERM;
    const v = buf.trim();
    if (v !== '0' && v !== '1') return -EINVAL;
    const p = P(d);
    if (v === '1') { const r = pci_enable_device(p); if (r) return r; }
    else if (p.enable_cnt > 0) pci_disable_device(p);
    else return -EIO;
    return buf.length;
  },
};

const dev_attr_remove: device_attribute = {
  name: 'remove', mode: 0o220,
  store: function* (d: device, _a: device_attribute, buf: string): KGen<number> {
    if (!/^\s*[1-9]/.test(buf)) return buf.length;
    yield* pci_stop_and_remove_bus_device_locked(P(d));
    return buf.length;
  },
};

const dev_attr_dev_rescan: device_attribute = {
  name: 'rescan', mode: 0o200,
  store: function* (d: device, _a: device_attribute, buf: string): KGen<number> {
    if (!/^\s*[1-9]/.test(buf)) return buf.length;
    yield* pci_rescan_bus(P(d).bus);
    return buf.length;
  },
};

/** "resource": start, end and flags of every slot, as pci_resource_to_user gives them. */
function resource_show(p: pci_dev): string {
  const max = pci_is_bridge(p) ? PCI_NUM_RESOURCES : PCI_BRIDGE_RESOURCES;
  let out = '';
  for (let i = 0; i < max; i++) {
    const r = p.resource[i]!;
    const set = r.flags && (r.start || r.end);
    out += `${hex(set ? r.start : 0, 16)} ${hex(set ? r.end : 0, 16)} ${hex(set ? r.flags : 0, 16)}\n`;
  }
  return out;
}

const pci_dev_attrs: device_attribute[] = [
  ro('power_state', (p) => `${pci_power_names[p.current_state] ?? 'unknown'}\n`),
  ro('resource', resource_show),
  ro('vendor', (p) => `${hex(p.vendor, 4)}\n`),
  ro('device', (p) => `${hex(p.device, 4)}\n`),
  ro('subsystem_vendor', (p) => `${hex(p.subsystem_vendor, 4)}\n`),
  ro('subsystem_device', (p) => `${hex(p.subsystem_device, 4)}\n`),
  ro('revision', (p) => `${hex(p.revision, 2)}\n`),
  ro('class', (p) => `${hex(p.class, 6)}\n`),
  ro('irq', (p) => `${p.irq}\n`),
  ro('local_cpus', () => `${cpumask()}\n`),
  ro('local_cpulist', () => `${cpulist()}\n`),
  ro('modalias', (p) => `${pci_modalias(p)}\n`),
  ro('dma_mask_bits', (p) => `${mask_bits(dma_get_mask(p.dev))}\n`),
  ro('consistent_dma_mask_bits', (p) => `${mask_bits(dma_get_coherent_mask(p.dev))}\n`),
  dev_attr_enable,
  { name: 'broken_parity_status', mode: 0o644, show: () => '0\n', store: (_d, _a, buf) => buf.length },
  { name: 'msi_bus', mode: 0o644, show: () => '1\n', store: (_d, _a, buf) => buf.length },
  { name: 'd3cold_allowed', mode: 0o644, show: () => '1\n', store: (_d, _a, buf) => buf.length },
  {
    name: 'driver_override', mode: 0o644,
    show: (d) => `${d.driver_override ?? '(null)'}\n`,
    store: (d, _a, buf) => {
      if (buf.length >= 4096) return -EINVAL;
      const v = buf.replace(/\n$/, '');
      d.driver_override = v.length ? v : null;
      return buf.length;
    },
  },
  ro('ari_enabled', () => '0\n'),
  { name: 'numa_node', mode: 0o644, show: () => '-1\n', store: () => -EPERM },
  dev_attr_remove,
  dev_attr_dev_rescan,
];

export const pci_dev_group: attribute_group = { attrs: pci_dev_attrs };
/** The "link" directory (PCIe link attributes; empty for conventional functions, as in the reference). */
const pci_link_group: attribute_group = { name: 'link', attrs: [] };
export const pci_dev_groups: attribute_group[] = [pci_dev_group, pci_link_group];

// ---- /sys/bus/pci/rescan ----

const bus_attr_rescan: bus_attribute = {
  name: 'rescan', mode: 0o200,
  store: function* (_bus: unknown, buf: string): KGen<number> {
    if (!/^\s*[1-9]/.test(buf)) return buf.length;
    yield* pci_rescan_all();
    return buf.length;
  } as bus_attribute['store'],
};
export const pci_bus_groups: attribute_group[] = [{ attrs: [bus_attr_rescan] }];

/** "pci:v00001234d000011E8sv00001AF4sd00001100bc00scFFi00". */
export function pci_modalias(p: pci_dev): string {
  const H = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
  return `pci:v${H(p.vendor, 8)}d${H(p.device, 8)}sv${H(p.subsystem_vendor, 8)}sd${H(p.subsystem_device, 8)}bc${H(p.class >> 16, 2)}sc${H((p.class >> 8) & 0xff, 2)}i${H(p.class & 0xff, 2)}`;
}

export { EINVAL };
