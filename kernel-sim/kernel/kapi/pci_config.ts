// Models the exports of linux/drivers/pci/access.c, pci-driver.c's pci_match_id and lib/pci_iomap.c's pci_iomap_range/_wc for C drivers: config space reads and writes through a pointer, a C id table matched against a device, part of a BAR mapped.
import { kwrite_u8, kwrite_u16, kwrite_u32 } from '../../mm/kmem.ts';
import {
  PCIBIOS_DEVICE_NOT_FOUND, pci_read_config_byte, pci_read_config_word, pci_read_config_dword,
  pci_write_config_byte, pci_write_config_word, pci_write_config_dword,
} from '../../drivers/pci/access.ts';
import { pci_match_id } from '../../drivers/pci/pci-driver.ts';
import { pci_iomap_range } from '../../drivers/pci/pci.ts';
import type { pci_dev } from '../../include/linux/pci.ts';
import { id_table, map_cookie, ts_pci_dev } from './pci.ts';
import { ts_pci_bus } from './pci_bus.ts';
import { pci_bus_read_config_byte, pci_bus_read_config_word, pci_bus_read_config_dword, pci_bus_write_config_byte, pci_bus_write_config_word, pci_bus_write_config_dword } from '../../drivers/pci/access.ts';
import type { pci_bus } from '../../include/linux/pci.ts';
import { EXPORT_KAPI } from './registry.ts';

/** pci_read_config_*(): *val gets the value; a removed device reads all ones and reports PCIBIOS_DEVICE_NOT_FOUND. */
function reader(read: (d: pci_dev, where: number) => number, store: (a: number, v: number) => void, ones: number) {
  return (p: number, where: number, val: number): number => {
    const d = ts_pci_dev(p);
    if (!d || d.removed) { store(val, ones); return PCIBIOS_DEVICE_NOT_FOUND; }
    store(val, read(d, where));
    return 0;
  };
}

function writer(write: (d: pci_dev, where: number, v: number) => number) {
  return (p: number, where: number, v: number): number => {
    const d = ts_pci_dev(p);
    return d ? write(d, where, v) : PCIBIOS_DEVICE_NOT_FOUND;
  };
}

/** pci_bus_read_config_*(bus, devfn, where, *val): a function on the C struct pci_bus (hw-me.c reads the ME's sibling function). */
function bus_reader(read: (b: pci_bus, devfn: number, where: number) => number, store: (a: number, v: number) => void, ones: number) {
  return (bus: number, devfn: number, where: number, val: number): number => {
    const b = ts_pci_bus(bus);
    if (!b) { store(val, ones); return PCIBIOS_DEVICE_NOT_FOUND; }
    store(val, read(b, devfn, where));
    return 0;
  };
}

function bus_writer(write: (b: pci_bus, devfn: number, where: number, v: number) => number) {
  return (bus: number, devfn: number, where: number, v: number): number => {
    const b = ts_pci_bus(bus);
    return b ? write(b, devfn, where, v) : PCIBIOS_DEVICE_NOT_FOUND;
  };
}

/** pci_iomap_range() from C: the BAR part's cookie (0 when the BAR is empty or shorter than offset). */
function iomap_range(p: number, bar: number, offset: number, maxlen: number): number {
  const d = ts_pci_dev(p);
  if (!d) return 0;
  const a = pci_iomap_range(d, bar, offset, maxlen);
  if (!a) return 0;
  const r = d.resource[bar];
  const len = r ? r.end - r.start + 1 - offset : 4096;
  return map_cookie(a, maxlen && maxlen < len ? maxlen : len);
}

export const ksymtab = EXPORT_KAPI({
  pci_read_config_byte: reader(pci_read_config_byte, kwrite_u8, 0xff),
  pci_read_config_word: reader(pci_read_config_word, kwrite_u16, 0xffff),
  pci_read_config_dword: reader(pci_read_config_dword, kwrite_u32, 0xffffffff),
  pci_write_config_byte: writer(pci_write_config_byte),
  pci_write_config_word: writer(pci_write_config_word),
  pci_write_config_dword: writer(pci_write_config_dword),
  pci_bus_read_config_byte: bus_reader(pci_bus_read_config_byte, kwrite_u8, 0xff),
  pci_bus_read_config_word: bus_reader(pci_bus_read_config_word, kwrite_u16, 0xffff),
  pci_bus_read_config_dword: bus_reader(pci_bus_read_config_dword, kwrite_u32, 0xffffffff),
  pci_bus_write_config_byte: bus_writer(pci_bus_write_config_byte),
  pci_bus_write_config_word: bus_writer(pci_bus_write_config_word),
  pci_bus_write_config_dword: bus_writer(pci_bus_write_config_dword),
  pci_match_id: (ids: number, p: number) => {
    const d = ts_pci_dev(p);
    if (!ids || !d) return 0;
    const table = id_table(ids);
    const id = pci_match_id(table, d);
    return id ? (id as (typeof table)[number]).c_addr : 0;
  },
  pci_iomap_range: iomap_range,
  // Write-combining is a caching mode the simulated memory bus does not have: the mapping is an ordinary one.
  pci_iomap_wc: (p: number, bar: number, maxlen: number) => iomap_range(p, bar, 0, maxlen),
});
