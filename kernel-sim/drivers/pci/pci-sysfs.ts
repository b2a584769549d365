// Models linux/drivers/pci/pci-sysfs.c: /sys/bus/pci/devices/DDDD:BB:DD.F attributes (vendor ... resource, config, resourceN, enable, remove, rescan, msi_irqs/) and /sys/bus/pci/rescan.
import type { KGen } from '../../include/linux/sched.ts';
import { type pci_dev, PCI_BRIDGE_RESOURCES, PCI_NUM_RESOURCES, PCI_STD_NUM_BARS, pci_power_names, to_pci_dev, pci_resource_len, pci_is_bridge } from '../../include/linux/pci.ts';
import { EINVAL, EIO, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import type { bus_attribute, device, device_attribute } from '../base/base.ts';
import type { attribute_group, bin_attribute } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_bin_file, sysfs_remove_bin_file } from '../../fs/sysfs/file.ts';
import { sysfs_create_group, sysfs_remove_group } from '../../fs/sysfs/group.ts';
import type { kobject } from '../../lib/kobject.ts';
import { current } from '../../kernel/sched/core.ts';
import { irqState } from '../../kernel/irq/irqdesc.ts';
import { dma_get_mask, dma_get_coherent_mask } from '../../kernel/dma/mapping.ts';
import { pci_user_read_config, pci_user_write_config } from './access.ts';
import { pci_modalias } from './pci-driver.ts';
import { pci_enable_device, pci_disable_device } from './pci.ts';
import { pci_stop_and_remove_bus_device_locked, pci_rescan_bus, pci_rescan_all } from './remove.ts';
import { defineState } from '../../kernel/state.ts';

const hex = (n: number, w: number) => `0x${n.toString(16).padStart(w, '0')}`;
const P = (d: device) => to_pci_dev(d);
const ro = (name: string, show: (p: pci_dev) => string): device_attribute => ({ name, mode: 0o444, show: (d) => show(P(d)) });

function capable(): boolean {
  try { return current().cred.euid === 0; } catch { return true; }
}

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

// ---- binary files: config and resourceN ----

interface PciBinFiles { config: bin_attribute; res: bin_attribute[] }
const binFiles = defineState('pci-sysfs-bin', () => new WeakMap<pci_dev, PciBinFiles>());

/** Reads config space the way pci_read_config does: byte, word and dword accesses by alignment; 64 bytes without CAP_SYS_ADMIN. */
function pci_read_config(p: pci_dev, off: number, count: number): Uint8Array | number {
  let size = p.cfg_size;
  if (!capable()) size = Math.min(size, p.hdr_type === 2 ? 128 : 64);
  if (off >= size) return new Uint8Array(0);
  if (off + count > size) count = size - off;
  const out = new Uint8Array(count);
  let i = 0;
  while (i < count) {
    const pos = off + i;
    if (pos % 4 === 0 && count - i >= 4) {
      const v = pci_user_read_config(p, pos, 4);
      out[i] = v & 0xff; out[i + 1] = (v >>> 8) & 0xff; out[i + 2] = (v >>> 16) & 0xff; out[i + 3] = v >>> 24;
      i += 4;
    } else if (pos % 2 === 0 && count - i >= 2) {
      const v = pci_user_read_config(p, pos, 2);
      out[i] = v & 0xff; out[i + 1] = v >>> 8;
      i += 2;
    } else {
      out[i] = pci_user_read_config(p, pos, 1);
      i += 1;
    }
  }
  return out;
}

function pci_write_config(p: pci_dev, data: Uint8Array, off: number): number {
  if (!capable()) return -EPERM;
  let count = data.length;
  if (off >= p.cfg_size) return 0;
  if (off + count > p.cfg_size) count = p.cfg_size - off;
  let i = 0;
  while (i < count) {
    const pos = off + i;
    if (pos % 4 === 0 && count - i >= 4) {
      pci_user_write_config(p, pos, 4, (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0);
      i += 4;
    } else if (pos % 2 === 0 && count - i >= 2) {
      pci_user_write_config(p, pos, 2, data[i]! | (data[i + 1]! << 8));
      i += 2;
    } else {
      pci_user_write_config(p, pos, 1, data[i]!);
      i += 1;
    }
  }
  return count;
}

/** pci_create_sysfs_dev_files(): config (256 or 4096 bytes) and one resourceN per BAR. */
export function pci_create_sysfs_dev_files(p: pci_dev): number {
  const kobj: kobject = p.dev.kobj;
  const config: bin_attribute = {
    attr: { name: 'config', mode: 0o644 },
    size: p.cfg_size,
    read: (_k, _a, off, count) => pci_read_config(p, off, count),
    write: (_k, _a, data, off) => pci_write_config(p, data, off),
  };
  const r = sysfs_create_bin_file(kobj, config);
  if (r) return r;
  const res: bin_attribute[] = [];
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) {
    const len = pci_resource_len(p, i);
    if (!len) continue;
    const b: bin_attribute = { attr: { name: `resource${i}`, mode: 0o600 }, size: len };
    if (sysfs_create_bin_file(kobj, b) === 0) res.push(b);
  }
  binFiles().set(p, { config, res });
  return 0;
}

export function pci_remove_sysfs_dev_files(p: pci_dev): void {
  const f = binFiles().get(p);
  if (!f) return;
  sysfs_remove_bin_file(p.dev.kobj, f.config);
  for (const b of f.res) sysfs_remove_bin_file(p.dev.kobj, b);
  binFiles().delete(p);
}

// ---- msi_irqs/ ----

const msiGroups = defineState('pci-sysfs-msi', () => new WeakMap<pci_dev, attribute_group>());

/** populate_msi_sysfs(): msi_irqs/N reading "msi" or "msix" for each vector. */
export function populate_msi_sysfs(p: pci_dev, kind: 'msi' | 'msix'): void {
  if (!p.dev.kobj.sd) return;
  const grp: attribute_group = { name: 'msi_irqs', attrs: p.msi_list.map((d) => ({ name: String(d.irq), mode: 0o444, show: () => `${kind}\n` }) as device_attribute) };
  if (sysfs_create_group(p.dev.kobj, grp) === 0) msiGroups().set(p, grp);
}

export function remove_msi_sysfs(p: pci_dev): void {
  const g = msiGroups().get(p);
  if (!g) return;
  sysfs_remove_group(p.dev.kobj, g);
  msiGroups().delete(p);
}

export { EINVAL };
