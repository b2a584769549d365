// Models the binary attributes of linux/drivers/pci/pci-sysfs.c: config (256 or 4096 bytes) and resourceN, created when a function is added.
import { type pci_dev, PCI_STD_NUM_BARS, pci_resource_len } from '../../include/linux/pci.ts';
import { EPERM } from '../../include/uapi/asm-generic/errno.ts';
import type { bin_attribute } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_bin_file, sysfs_remove_bin_file } from '../../fs/sysfs/file.ts';
import type { kobject } from '../../lib/kobject.ts';
import { pci_user_read_config, pci_user_write_config } from './access.ts';
import { current } from '../../kernel/sched/core.ts';
import { defineState } from '../../kernel/state.ts';

/** capable(CAP_SYS_ADMIN): root only (no kernel entered: the host, which may do anything). */
export function capable(): boolean {
  try { return current().cred.euid === 0; } catch { return true; }
}

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

