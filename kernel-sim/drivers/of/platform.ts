// Models linux/drivers/of/platform.c: platform devices for the device tree's nodes (of_platform_populate, of_device_alloc, of_device_make_bus_id) and of_platform_default_populate_init.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { device, device_node, of_device_id } from '../base/base.ts';
import { device_add, dev_name, dev_set_name } from '../base/core.ts';
import { bus_for_each_dev } from '../base/bus.ts';
import {
  platform_bus_device, platform_bus_type, platform_device_alloc, platform_device_add_resources, platform_device_put, platform_device_unregister,
  to_platform_device, PLATFORM_DEVID_NONE, type platform_device, type resource,
} from '../base/platform.ts';
import { run_sync } from '../base/sync.ts';
import {
  OF_POPULATED, OF_POPULATED_BUS, __of_find_property, be32, of_find_node_by_path, of_get_compatible_child, of_match_node, of_node_check_flag,
  of_node_clear_flag, of_node_get, of_node_put, of_node_test_and_set_flag, of_root, of_chosen, of_device_is_available, of_device_is_compatible,
  of_node_set_flag,
} from './base.ts';
import { OF_BAD_ADDR, of_address_to_resource, of_get_address, of_translate_address } from './address.ts';
import { of_irq_count, of_irq_to_resource } from './irq.ts';

/** of_default_bus_match_table: the nodes whose children are populated too. */
export const of_default_bus_match_table: of_device_id[] = [
  { compatible: 'simple-bus' }, { compatible: 'simple-mfd' }, { compatible: 'isa' }, { compatible: 'arm,amba-bus' },
];

/** of_skipped_node_table: nodes that never become devices. */
const of_skipped_node_table: of_device_id[] = [{ compatible: 'operating-points-v2' }];

/** reserved_mem_matches: the /reserved-memory children populated explicitly. */
const reserved_mem_matches: of_device_id[] = [
  { compatible: 'qcom,rmtfs-mem' }, { compatible: 'qcom,cmd-db' }, { compatible: 'qcom,smem' }, { compatible: 'ramoops' }, { compatible: 'nvmem-rmem' },
];

const ffs = (x: number): number => (x ? 31 - Math.clz32(x & -x) + 1 : 0);

/**
 * of_device_make_bus_id(): "<translated address>.<name>" from the first node up the tree whose reg
 * translates ("fed70000.gpio"), prefixed by the names of the nodes below it; a node with no address
 * anywhere up is named by its path components ("leds", "soc:leds").
 */
export function of_device_make_bus_id(np: device_node): string {
  let name: string | null = null;
  for (let node: device_node = np; node.parent; node = node.parent) {
    const reg = node.parent ? of_get_address(node, 0) : null;
    const addr = reg ? of_translate_address(node, reg.addr) : OF_BAD_ADDR;
    if (addr !== OF_BAD_ADDR) {
      const mask = __of_find_property(node, 'mask');
      const head = mask && mask.length >= 4
        ? `${addr.toString(16)}.${((ffs(be32(mask.value, 0)) - 1) >>> 0).toString(16)}.${node.name}`
        : `${addr.toString(16)}.${node.name}`;
      return name ? `${head}:${name}` : head;
    }
    name = name ? `${node.full_name}:${name}` : node.full_name;
  }
  return name ?? '';
}

/** of_device_alloc(): a platform device with the node's reg as IORESOURCE_MEM and its interrupts as IORESOURCE_IRQ. */
export function of_device_alloc(np: device_node, bus_id: string | null, parent: device | null): platform_device {
  const pdev = platform_device_alloc('', PLATFORM_DEVID_NONE);
  const res: resource[] = [];
  for (let i = 0; ; i++) { const r = of_address_to_resource(np, i); if (!r) break; res.push(r); }
  const nirq = of_irq_count(np);
  for (let i = 0; i < nirq; i++) { const r = of_irq_to_resource(np, i); if (r) res.push(r); }
  if (res.length) platform_device_add_resources(pdev, res);
  pdev.dev.of_node = of_node_get(np);
  pdev.dev.parent = parent ?? platform_bus_device();
  dev_set_name(pdev.dev, bus_id ?? of_device_make_bus_id(np));
  return pdev;
}

/** of_platform_device_create_pdata(): skips unavailable and already populated nodes; of_device_add adds with no resource claims. */
export function* of_platform_device_create_pdata(np: device_node, bus_id: string | null, platform_data: unknown, parent: device | null): KGen<platform_device | null> {
  if (!of_device_is_available(np) || of_node_test_and_set_flag(np, OF_POPULATED)) return null;
  const pdev = of_device_alloc(np, bus_id, parent);
  pdev.dev.bus = platform_bus_type;
  pdev.dev.platform_data = platform_data ?? null;
  // of_device_add(): named like the device, no id; the resources are claimed by the driver (request_mem_region), not here.
  pdev.name = dev_name(pdev.dev);
  pdev.id = PLATFORM_DEVID_NONE;
  const r = yield* device_add(pdev.dev);
  if (r) {
    of_node_clear_flag(np, OF_POPULATED);
    platform_device_put(pdev);
    return null;
  }
  return pdev;
}

export function* of_platform_device_create(np: device_node | null, bus_id: string | null, parent: device | null): KGen<platform_device | null> {
  return np ? yield* of_platform_device_create_pdata(np, bus_id, null, parent) : null;
}

/** of_platform_bus_create(): a device for a node with compatible; its children too when it matches a bus table entry. */
function* of_platform_bus_create(bus: device_node, matches: of_device_id[], parent: device | null, strict: boolean): KGen<number> {
  if (strict && !__of_find_property(bus, 'compatible')) return 0;
  if (of_match_node(of_skipped_node_table, bus)) return 0;
  if (of_node_check_flag(bus, OF_POPULATED_BUS)) return 0;
  const dev = yield* of_platform_device_create_pdata(bus, null, null, parent);
  if (!dev || !of_match_node(matches, bus)) return 0;
  for (const child of [...bus.child]) {
    const r = yield* of_platform_bus_create(child, matches, dev.dev, strict);
    if (r) return r;
  }
  of_node_set_flag(bus, OF_POPULATED_BUS);
  return 0;
}

/** of_platform_populate(): every child of `root` (default: the tree's root) that has a compatible. */
export function* of_platform_populate(root: device_node | null, matches: of_device_id[] | null, parent: device | null): KGen<number> {
  const r0 = root ? of_node_get(root) : of_find_node_by_path('/');
  if (!r0) return -22;
  let rc = 0;
  for (const child of [...r0.child]) {
    rc = yield* of_platform_bus_create(child, matches ?? of_default_bus_match_table, parent, true);
    if (rc) break;
  }
  of_node_set_flag(r0, OF_POPULATED_BUS);
  of_node_put(r0);
  return rc;
}

export function* of_platform_default_populate(root: device_node | null, parent: device | null): KGen<number> {
  return yield* of_platform_populate(root, of_default_bus_match_table, parent);
}

/** of_find_device_by_node(): the platform device made for a node. */
export function of_find_device_by_node(np: device_node): platform_device | null {
  const d = bus_for_each_dev(platform_bus_type).find((x) => x.of_node === np);
  return d ? to_platform_device(d) : null;
}

/** of_platform_device_destroy(): children first, then the device; the node may be populated again. */
export function* of_platform_device_destroy(pdev: platform_device): KGen<void> {
  const np = pdev.dev.of_node;
  if (!np || !of_node_check_flag(np, OF_POPULATED)) return;
  for (const child of np.child) {
    const c = of_find_device_by_node(child);
    if (c) yield* of_platform_device_destroy(c);
  }
  of_node_clear_flag(np, OF_POPULATED);
  of_node_clear_flag(np, OF_POPULATED_BUS);
  yield* platform_device_unregister(pdev);
  of_node_put(np);
}

/**
 * of_platform_default_populate_init() (arch_initcall_sync): the reserved-memory regions Linux handles
 * explicitly, /firmware, a simple-framebuffer under /chosen, then everything else.
 */
export function* of_platform_default_populate_init(): KGen<number> {
  const root = of_root();
  if (!root) return -19;
  const rmem = root.child.find((c) => c.name === 'reserved-memory');
  for (const np of rmem?.child ?? []) if (of_match_node(reserved_mem_matches, np)) yield* of_platform_device_create(np, null, null);
  const fw = of_find_node_by_path('/firmware');
  if (fw) { yield* of_platform_populate(fw, null, null); of_node_put(fw); }
  const fb = of_get_compatible_child(of_chosen(), 'simple-framebuffer');
  yield* of_platform_device_create(fb, null, null);
  of_node_put(fb);
  return yield* of_platform_default_populate(null, null);
}

export { of_device_is_compatible };

/** Linux runs it at arch_initcall_sync; drivers/of links after arch/, so the arch level's end is the same point. */
export const initcalls: initcall_entry[] = [
  ['arch', 'of_platform_default_populate_init', () => { const r = run_sync(of_platform_default_populate_init(), 'initcall'); return r === -19 ? 0 : r; }, 30_000],
];
