// Models linux/drivers/of/address.c: #address-cells/#size-cells, translating a reg address through the parents' ranges, of_address_to_resource.
import type { device_node } from '../base/base.ts';
import { IORESOURCE_MEM, type resource } from '../base/platform.ts';
import { __of_find_property, be32, of_prop_strings } from './base.ts';

export const OF_ROOT_NODE_ADDR_CELLS_DEFAULT = 1, OF_ROOT_NODE_SIZE_CELLS_DEFAULT = 1;
export const OF_BAD_ADDR = -1n;

/** A u32 property from `from` or its nearest ancestor that has it (of_bus_n_addr_cells' walk). */
function cells_from(from: device_node | null, name: string, dflt: number): number {
  for (let p = from; p; p = p.parent) {
    const pp = __of_find_property(p, name);
    if (pp && pp.length >= 4) return be32(pp.value, 0);
  }
  return dflt;
}

/** of_n_addr_cells()/of_n_size_cells(): the cells of np's reg, set by its parent (or further up). */
export const of_n_addr_cells = (np: device_node): number => cells_from(np.parent, '#address-cells', OF_ROOT_NODE_ADDR_CELLS_DEFAULT);
export const of_n_size_cells = (np: device_node): number => cells_from(np.parent, '#size-cells', OF_ROOT_NODE_SIZE_CELLS_DEFAULT);

/** of_read_number(): `size` big-endian cells from cell index `at`. */
export function of_read_number(v: Uint8Array, at: number, size: number): bigint {
  let r = 0n;
  for (let i = 0; i < size; i++) r = (r << 32n) | BigInt(be32(v, 4 * (at + i)));
  return r;
}

type bus_kind = 'pci' | 'isa' | 'default';
/** of_match_bus(): which bus rules read the children's reg. */
function of_match_bus(np: device_node): bus_kind {
  if (np.type === 'pci' || np.type === 'pciex') return 'pci';
  if (np.name === 'isa') return 'isa';
  return 'default';
}

/**
 * __of_translate_address(): up from the node, each bus between it and the root must map the address
 * through its "ranges" (empty ranges: one to one); a bus without ranges cannot be translated.
 */
export function of_translate_address(np: device_node, addr: bigint): bigint {
  if (!np.parent) return OF_BAD_ADDR;
  let bus: device_node = np.parent;
  let na = cells_from(bus, '#address-cells', OF_ROOT_NODE_ADDR_CELLS_DEFAULT);
  let ns = cells_from(bus, '#size-cells', OF_ROOT_NODE_SIZE_CELLS_DEFAULT);
  for (;;) {
    const parent: device_node | null = bus.parent;
    if (!parent) return addr;
    if (of_match_bus(bus) !== 'default') return OF_BAD_ADDR;
    const pna = of_n_addr_cells(bus);
    const ranges = __of_find_property(bus, 'ranges');
    if (!ranges) return OF_BAD_ADDR;
    if (ranges.length) {
      const rone = na + pna + ns;
      let hit: bigint | null = null;
      for (let i = 0; (i + rone) * 4 <= ranges.length; i += rone) {
        const cbase = of_read_number(ranges.value, i, na);
        const size = of_read_number(ranges.value, i + na + pna, ns);
        if (addr >= cbase && addr < cbase + size) { hit = of_read_number(ranges.value, i + na, pna) + (addr - cbase); break; }
      }
      if (hit === null) return OF_BAD_ADDR;
      addr = hit;
    }
    na = pna;
    ns = of_n_size_cells(bus);
    bus = parent;
  }
}

/** The index'th reg entry's raw address and size (__of_get_address), or null. */
export function of_get_address(np: device_node, index: number): { addr: bigint; size: bigint } | null {
  const reg = __of_find_property(np, 'reg');
  if (!reg) return null;
  const na = of_n_addr_cells(np), ns = of_n_size_cells(np);
  const onesize = na + ns;
  if ((index + 1) * onesize * 4 > reg.length) return null;
  return { addr: of_read_number(reg.value, index * onesize, na), size: of_read_number(reg.value, index * onesize + na, ns) };
}

/**
 * of_address_to_resource(): the translated index'th reg entry as a resource named by "reg-names" or the
 * node's full_name; IORESOURCE_MEM on a plain bus.
 */
export function of_address_to_resource(np: device_node, index: number): resource | null {
  if (np.parent && of_match_bus(np.parent) !== 'default') return null;
  const a = of_get_address(np, index);
  if (!a) return null;
  const taddr = of_translate_address(np, a.addr);
  if (taddr === OF_BAD_ADDR) return null;
  const name = of_prop_strings(__of_find_property(np, 'reg-names'))[index] ?? np.full_name;
  return { start: Number(taddr), end: Number(taddr + a.size - 1n), flags: IORESOURCE_MEM, name };
}
