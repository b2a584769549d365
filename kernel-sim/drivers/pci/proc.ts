// Models linux/drivers/pci/proc.c: /proc/bus/pci/devices and the per-function config files /proc/bus/pci/BB/DD.F.
import type { pci_dev } from '../../include/linux/pci.ts';
import { PCI_ROM_RESOURCE, PCI_SLOT, PCI_FUNC } from '../../include/linux/pci.ts';
import { EINVAL, EPERM, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import { proc_create_data, proc_create_single, proc_mkdir, proc_remove, proc_find, proc_set_size, type proc_dir_entry } from '../../fs/proc/generic.ts';
import { pde_data } from '../../fs/proc/internal.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import { simple_read_from_buffer, generic_file_llseek_size } from '../../fs/libfs.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { current } from '../../kernel/sched/core.ts';
import { pciState } from './pci-state.ts';
import { for_each_pci_dev } from './probe.ts';
import { pci_user_read_config, pci_user_write_config } from './access.ts';

const h2 = (n: number) => n.toString(16).padStart(2, '0');

function capable(): boolean {
  try { return current().cred.euid === 0; } catch { return true; }
}

/** show_device(): one line per function. */
function show_devices(): string {
  let out = '';
  for (const dev of for_each_pci_dev()) {
    if (!dev.is_added) continue;
    let line = `${h2(dev.bus.number)}${h2(dev.devfn)}\t${dev.vendor.toString(16).padStart(4, '0')}${dev.device.toString(16).padStart(4, '0')}\t${dev.irq.toString(16)}`;
    for (let i = 0; i <= PCI_ROM_RESOURCE; i++) {
      const r = dev.resource[i]!;
      const set = r.flags && (r.start || r.end);
      line += `\t${((set ? r.start : 0) + (r.flags & 0x0f)).toString(16).padStart(16)}`;
    }
    for (let i = 0; i <= PCI_ROM_RESOURCE; i++) {
      const r = dev.resource[i]!;
      const set = r.flags && r.start < r.end;
      line += `\t${(set ? r.end - r.start + 1 : 0).toString(16).padStart(16)}`;
    }
    line += `\t${dev.driver?.name ?? ''}\n`;
    out += line;
  }
  return out;
}

function config_bytes(dev: pci_dev): Uint8Array {
  const size = capable() ? dev.cfg_size : Math.min(dev.cfg_size, 64);
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i += 4) {
    const v = pci_user_read_config(dev, i, 4);
    b[i] = v & 0xff; b[i + 1] = (v >>> 8) & 0xff; b[i + 2] = (v >>> 16) & 0xff; b[i + 3] = v >>> 24;
  }
  return b;
}

/** pci_proc_attach_device(): /proc/bus/pci/BB/DD.F, sized as the config space. */
export function pci_proc_attach_device(dev: pci_dev): void {
  if (!pciState().proc_initialized || dev.procent) return;
  const root = proc_find('bus/pci');
  if (!root) return;
  const busdir = `${dev.bus.domain_nr ? `${dev.bus.domain_nr.toString(16).padStart(4, '0')}:` : ''}${h2(dev.bus.number)}`;
  const dir = (root.subdir.get(busdir) ?? proc_mkdir(busdir, root)) as proc_dir_entry | null;
  if (!dir) return;
  const e = proc_create_data(`${h2(PCI_SLOT(dev.devfn))}.${PCI_FUNC(dev.devfn)}`, 0o100644, dir, {
    proc_read: function* (file, buf, count, ppos) {
      const d = pde_data(file.f_inode) as pci_dev;
      if (d.removed) return -19;
      return simple_read_from_buffer(buf, count, ppos, config_bytes(d));
    },
    proc_write: function* (file, buf, count, ppos) {
      const d = pde_data(file.f_inode) as pci_dev;
      if (!capable()) return -EPERM;
      const pos = ppos.pos;
      if (pos >= d.cfg_size) return 0;
      const n = Math.min(count, d.cfg_size - pos);
      const data = copy_from_user(buf, n);
      if (!data) return -EFAULT;
      for (let i = 0; i < n; i++) pci_user_write_config(d, pos + i, 1, data[i]!);
      ppos.pos = pos + n;
      return n;
    },
    proc_lseek: function* (file, offset, whence) {
      const d = pde_data(file.f_inode) as pci_dev;
      const r = generic_file_llseek_size(file, offset, whence, d.cfg_size);
      return r < 0 ? -EINVAL : r;
    },
  }, dev);
  if (e) proc_set_size(e, dev.cfg_size);
  dev.procent = e;
}

export function pci_proc_detach_device(dev: pci_dev): void {
  if (dev.procent) proc_remove(dev.procent as proc_dir_entry);
  dev.procent = null;
}

/** pci_proc_init(): /proc/bus/pci/devices and a file for every function present. */
export function pci_proc_init(): number {
  const bus = proc_find('bus') ?? proc_mkdir('bus', null);
  const dir = proc_mkdir('pci', bus);
  if (!dir) return -12;
  proc_create_single('devices', 0o444, dir, (m) => { seq_puts(m, show_devices()); });
  pciState().proc_initialized = true;
  for (const dev of for_each_pci_dev()) if (dev.is_added) pci_proc_attach_device(dev);
  return 0;
}
