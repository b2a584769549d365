// Models linux/drivers/acpi/scan.c and device_sysfs.c: struct acpi_device for each Device object of the namespace (plus the root, \_SB/\_TZ and the fixed power button), named HID:NN on the acpi bus under /sys/devices/LNXSYSTM:00, with hid, path, modalias, uid, adr, status and physical_node links.
import type { KGen } from '../../include/linux/sched.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { attribute } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import type { bus_type, device, device_attribute } from '../base/base.ts';
import { device_alloc, device_initialize, device_add, dev_set_name, dev_name } from '../base/core.ts';
import { bus_register } from '../base/bus.ts';
import {
  acpi_full_pathname, acpi_id_string, acpi_ns_root, acpi_walk_resources, type acpi_namespace_node, type acpi_resource,
} from './acpica.ts';

/** Bus ids of objects without _HID (ACPI_BUS_HID and the synthetic ones scan.c adds). */
export const ACPI_SYSTEM_HID = 'LNXSYSTM', ACPI_BUS_HID = 'LNXSYBUS', ACPI_BUTTON_HID_POWERF = 'LNXPWRBN';

/** struct acpi_device: the namespace node, its ids and status, the device on the acpi bus, and the devices it is the companion of. */
export interface acpi_device {
  handle: acpi_namespace_node | null;
  dev: device;
  parent: acpi_device | null;
  children: acpi_device[];
  pnp: { ids: string[]; bus_address: number | null; unique_id: string | null; platform_id: boolean };
  /** _STA's value (0x0f when the object has none: present, enabled, shown, functioning). */
  sta: number;
  has_sta: boolean;
  /** The physical devices bound to this node (acpi_bind_one), in bind order. */
  physical_node_list: device[];
  /** Set by the scan handler that claimed it (pci_root, pci_link, pnp, platform ...). */
  handler: string | null;
}

interface ScanState { devices: acpi_device[]; by_node: Map<acpi_namespace_node, acpi_device>; instances: Map<string, number>; root: acpi_device | null }
const scanState = defineState<ScanState>('acpi_scan', () => ({ devices: [], by_node: new Map(), instances: new Map(), root: null }));

export const to_acpi_device = (dev: device): acpi_device => dev.container as acpi_device;
/** acpi_device_hid(): the first id, or "device" for an object with none. */
export const acpi_device_hid = (a: acpi_device): string => a.pnp.ids[0] ?? 'device';
export const acpi_device_bid = (a: acpi_device): string => a.handle?.name ?? '';
export const acpi_dev_name = (a: acpi_device): string => dev_name(a.dev);
export const acpi_fetch_acpi_dev = (n: acpi_namespace_node): acpi_device | null => scanState().by_node.get(n) ?? null;
export const acpi_root_device = (): acpi_device | null => scanState().root;
export const acpi_all_devices = (): readonly acpi_device[] => scanState().devices;

/** acpi_device_is_present(): _STA bit 0 (present) or bit 3 (functioning). */
export const acpi_device_is_present = (a: acpi_device): boolean => !!(a.sta & 0x9);

/** Its _CRS, decoded (empty without one). */
export function acpi_device_resources(a: acpi_device): acpi_resource[] {
  const crs = a.handle?.objects.get('_CRS');
  return crs instanceof Uint8Array ? acpi_walk_resources(crs) : [];
}

/** create_pnp_modalias(): "acpi:PNP0A08:PNP0A03:". */
export function create_pnp_modalias(a: acpi_device): string {
  return a.pnp.ids.length ? `acpi:${a.pnp.ids.map((id) => `${id}:`).join('')}` : '';
}

function acpi_device_uevent(dev: device, env: kobj_uevent_env): number {
  const a = to_acpi_device(dev);
  return a.pnp.ids.length ? add_uevent_var(env, `MODALIAS=${create_pnp_modalias(a)}`) : 0;
}

export const acpi_bus_type: bus_type = { name: 'acpi', uevent: acpi_device_uevent };

// ---- device_sysfs.c -------------------------------------------------------------------

const attr = (name: string, show: (a: acpi_device) => string, visible: (a: acpi_device) => boolean): device_attribute & { visible: (a: acpi_device) => boolean } =>
  ({ name, mode: 0o444, show: (dev: device) => show(to_acpi_device(dev)), visible });

const acpi_attrs = [
  attr('path', (a) => `${acpi_full_pathname(a.handle!)}\n`, (a) => !!a.handle),
  attr('hid', (a) => `${acpi_device_hid(a)}\n`, (a) => a.pnp.ids.length > 0),
  attr('modalias', (a) => `${create_pnp_modalias(a)}\n`, (a) => a.pnp.ids.length > 0),
  attr('adr', (a) => `0x${(a.pnp.bus_address ?? 0).toString(16).padStart(8, '0')}\n`, (a) => a.pnp.bus_address !== null),
  attr('uid', (a) => `${a.pnp.unique_id}\n`, (a) => a.pnp.unique_id !== null),
  attr('status', (a) => `${a.sta}\n`, (a) => a.has_sta),
];

/** acpi_device_setup_files(): each file only where the object has what it shows. */
const acpi_group = {
  attrs: acpi_attrs as attribute[],
  is_visible: (kobj: { container: unknown }, at: attribute) => ((at as (typeof acpi_attrs)[number]).visible(to_acpi_device(kobj.container as device)) ? at.mode : 0),
};

// ---- scanning -------------------------------------------------------------------------

/** acpi_set_pnp_ids() for a Device object: _HID, then each _CID; \_SB and \_TZ without ids are LNXSYBUS. */
function pnp_ids(n: acpi_namespace_node | null, fixed: string | null): acpi_device['pnp'] {
  if (!n) return { ids: [fixed ?? ACPI_SYSTEM_HID], bus_address: null, unique_id: null, platform_id: false };
  const ids: string[] = [];
  const hid = acpi_id_string(n.objects.get('_HID'));
  if (hid) ids.push(hid);
  const cid = acpi_id_string(n.objects.get('_CID'));
  if (cid) ids.push(cid);
  if (!ids.length && n.parent?.parent === null && (n.name === '_SB_' || n.name === '_TZ_')) ids.push(ACPI_BUS_HID);
  const adr = n.objects.get('_ADR');
  const uid = n.objects.get('_UID');
  return {
    ids, platform_id: !!hid,
    bus_address: typeof adr === 'number' ? adr : null,
    unique_id: uid === undefined ? null : typeof uid === 'number' ? String(uid) : typeof uid === 'string' ? uid : null,
  };
}

/** acpi_device_add(): "%s:%02x" with the first free instance number of its bus id. */
function* acpi_device_add(a: acpi_device): KGen<number> {
  const st = scanState();
  const hid = acpi_device_hid(a);
  const inst = st.instances.get(hid) ?? 0;
  st.instances.set(hid, inst + 1);
  dev_set_name(a.dev, `${hid}:${inst.toString(16).padStart(2, '0')}`);
  const r = yield* device_add(a.dev);
  if (r) return r;
  st.devices.push(a);
  if (a.handle) st.by_node.set(a.handle, a);
  a.parent?.children.push(a);
  return 0;
}

function* acpi_add_single_object(n: acpi_namespace_node | null, parent: acpi_device | null, fixed: string | null = null): KGen<acpi_device | number> {
  const sta = n?.objects.get('_STA');
  const a: acpi_device = {
    handle: n, parent, children: [], physical_node_list: [], handler: null,
    pnp: pnp_ids(n, fixed), sta: typeof sta === 'number' ? sta : 0x0f, has_sta: typeof sta === 'number',
    dev: null as unknown as device,
  };
  a.dev = device_alloc(a);
  device_initialize(a.dev);
  a.dev.parent = parent?.dev ?? null;
  a.dev.bus = acpi_bus_type;
  a.dev.groups = [acpi_group];
  const r = yield* acpi_device_add(a);
  return r || a;
}

/** acpi_bus_check_add() over the namespace, depth first in load order: a device per Device object (absent ones included, as Linux keeps them). */
function* acpi_walk(n: acpi_namespace_node, parent: acpi_device): KGen<number> {
  for (const c of n.children) {
    let next = parent;
    if (c.type === 'device') {
      const a = yield* acpi_add_single_object(c, parent);
      if (typeof a === 'number') return a;
      next = a;
    }
    const r = yield* acpi_walk(c, next);
    if (r) return r;
  }
  return 0;
}

/** acpi_bus_scan(ACPI_ROOT_OBJECT) + acpi_bus_scan_fixed(): the whole tree, then the fixed-feature power button under the root. */
export function* acpi_bus_scan(fixed_power_button: boolean): KGen<number> {
  const r0 = bus_register(acpi_bus_type);
  if (r0) return r0;
  const root = yield* acpi_add_single_object(null, null);
  if (typeof root === 'number') return root;
  scanState().root = root;
  const r = yield* acpi_walk(acpi_ns_root(), root);
  if (r) return r;
  if (fixed_power_button) {
    const pb = yield* acpi_add_single_object(null, root, ACPI_BUTTON_HID_POWERF);
    if (typeof pb === 'number') return pb;
  }
  return 0;
}

// ---- glue.c: physical nodes -------------------------------------------------------------

/** ACPI_COMPANION_SET(): dev's firmware node, before it is added (so ACPI matching sees it at probe time). */
export function ACPI_COMPANION_SET(dev: device, a: acpi_device): void { scanCompanions().set(dev, a); }

/** acpi_bind_one(): dev's firmware_node link and the companion's physical_node[N] link back (dev is in sysfs). */
export function acpi_bind_one(dev: device, a: acpi_device): number {
  if (a.physical_node_list.includes(dev)) return 0;
  const n = a.physical_node_list.length;
  a.physical_node_list.push(dev);
  scanCompanions().set(dev, a);
  const r = sysfs_create_link(a.dev.kobj, dev.kobj, n ? `physical_node${n}` : 'physical_node');
  return r || sysfs_create_link(dev.kobj, a.dev.kobj, 'firmware_node');
}

/** acpi_get_first_physical_node(). */
export const acpi_get_first_physical_node = (a: acpi_device): device | null => a.physical_node_list[0] ?? null;

/** acpi_unbind_one(): both links go. */
export function acpi_unbind_one(dev: device): void {
  const a = scanCompanions().get(dev);
  if (!a) return;
  const n = a.physical_node_list.indexOf(dev);
  sysfs_remove_link(a.dev.kobj, n ? `physical_node${n}` : 'physical_node');
  sysfs_remove_link(dev.kobj, 'firmware_node');
  a.physical_node_list.splice(n, 1);
  scanCompanions().delete(dev);
}

const companionState = defineState('acpi_companions', () => ({ map: new Map<device, acpi_device>() }));
const scanCompanions = (): Map<device, acpi_device> => companionState().map;

/** ACPI_COMPANION(dev): the acpi_device a device is bound to, or null. */
export function ACPI_COMPANION(dev: device | null): acpi_device | null {
  return dev ? scanCompanions().get(dev) ?? null : null;
}
export const has_acpi_companion = (dev: device): boolean => ACPI_COMPANION(dev) !== null;

/** acpi_device_uevent_modalias(): MODALIAS=acpi:ID: for a device with an ACPI companion (what udev loads acpi* aliases by), -ENODEV without one. */
export function acpi_device_uevent_modalias(dev: device, env: kobj_uevent_env): number {
  const a = ACPI_COMPANION(dev);
  if (!a || !a.pnp.ids.length) return -ENODEV;
  return add_uevent_var(env, `MODALIAS=${create_pnp_modalias(a)}`);
}

/** acpi_device_modalias(): the modalias file's text for a device with an ACPI companion, or null. */
export function acpi_device_modalias(dev: device): string | null {
  const a = ACPI_COMPANION(dev);
  return a?.pnp.ids.length ? `${create_pnp_modalias(a)}\n` : null;
}
