// Models linux/drivers/of/fdt.c: unflatten_device_tree, the firmware's tree turned into the kernel's live device_node tree, with "name" properties as for FDT v16+ blobs.
import { machine_hw } from '../../machine/hardware.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { prop_bytes, type DTNode } from '../../scripts/dtc/livetree.ts';
import type { device_node } from '../base/base.ts';
import { ofState, of_node_alloc, of_node_add_child, of_alias_scan } from './base.ts';

/** One firmware node and its subtree as device_nodes (unflatten_dt_nodes / populate_node). */
export function unflatten_dt_node(n: DTNode, parent: device_node | null, flags = 0): device_node {
  const props = n.props.map((p) => { const value = prop_bytes(p); return { name: p.name, length: value.length, value }; });
  const np = of_node_alloc(parent ? n.name : '/', props, flags);
  if (parent) of_node_add_child(parent, np);
  for (const c of n.children) unflatten_dt_node(c, np, flags);
  return np;
}

/**
 * unflatten_device_tree() (setup_arch → x86_dtb_init): the machine's tree as of_root, then of_alias_scan.
 * The firmware hands a blob; here the tree the hardware was built from is read directly, byte for byte as
 * the blob would carry each property.
 */
export function unflatten_device_tree(): number {
  const hw = machine_hw();
  const st = ofState();
  if (!hw || st.of_root) return 0;
  st.of_root = unflatten_dt_node(hw.tree.root, null);
  of_alias_scan();
  return 0;
}

/** setup_arch's call, made as early as kernel-sim's boot can: right after the driver core (drivers/of links after drivers/base). */
export const initcalls: initcall_entry[] = [['early', 'unflatten_device_tree', unflatten_device_tree, 20_000]];
