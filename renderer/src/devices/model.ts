// The device model as the graphs see it: buses, devices (with parents, bus, driver, class, binding state), drivers and classes, and the change events that update it.
//
// Built from the kernel's devices.snapshot (kernel-sim/api/devices.ts) and
// refreshed on its change events; the shapes follow the driver model (struct
// device, device_driver, bus_type, class) and sysfs paths name every object.
import type { DevicesSnapshot } from '../../../kernel-sim/api/devices.ts';

export type BindState = 'bound' | 'unbound' | 'deferred' | 'failed';

export interface PciInfo {
  /** Domain:bus:device.function, e.g. 0000:00:02.0 */
  bdf: string;
  vendor?: number;
  device?: number;
  class?: number;
  irq?: number;
  bars?: Array<{ index: number; start: number; size: number; kind: 'mem' | 'io' }>;
  /** Secondary bus number for bridges. */
  secondary?: number;
}

export interface DeviceNode {
  /** sysfs path under /sys/devices, e.g. /sys/devices/pci0000:00/0000:00:02.0 */
  path: string;
  name: string;
  parent?: string;
  bus?: string;
  driver?: string;
  class?: string;
  state: BindState;
  /** Probe error for state 'failed', e.g. -19. */
  errno?: number;
  pci?: PciInfo;
}

export interface DeviceSnapshot {
  buses: string[];
  drivers: Array<{ name: string; bus: string }>;
  classes: string[];
  devices: DeviceNode[];
}

export type DeviceEvent =
  | { type: 'device.add'; device: DeviceNode }
  | { type: 'device.remove'; path: string }
  | { type: 'driver.bind'; path: string; driver: string }
  | { type: 'driver.unbind'; path: string }
  | { type: 'probe.deferred'; path: string; driver: string }
  | { type: 'probe.failed'; path: string; driver: string; errno: number }
  | { type: 'driver.add'; name: string; bus: string }
  | { type: 'driver.remove'; name: string; bus: string };

/** The kernel's device-model snapshot (devices.snapshot, kernel-sim/api/devices.ts) in the graphs' terms: sysfs paths, negative errnos, PCI addresses from names. */
export function fromKernelSnapshot(k: DevicesSnapshot): DeviceSnapshot {
  const sys = (p: string) => `/sys${p}`;
  return {
    buses: k.buses.map((b) => b.name),
    classes: k.classes.map((c) => c.name),
    drivers: k.drivers.map((d) => ({ name: d.name, bus: d.bus })),
    devices: k.devices.map((d): DeviceNode => ({
      path: sys(d.devpath),
      name: d.name,
      ...(d.parent ? { parent: sys(d.parent) } : {}),
      ...(d.bus ? { bus: d.bus } : {}),
      ...(d.driver ? { driver: d.driver } : {}),
      ...(d.class ? { class: d.class } : {}),
      state: d.state === 'probing' ? 'unbound' : d.state,
      ...(d.errno !== undefined ? { errno: -Math.abs(d.errno) } : {}),
      ...(d.bus === 'pci' && /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(d.name) ? { pci: { bdf: d.name } } : {}),
    })),
  };
}

/** Applies one change event to a snapshot (a new snapshot; the old one is untouched). */
export function applyDeviceEvent(s: DeviceSnapshot, ev: DeviceEvent): DeviceSnapshot {
  const set = (path: string, patch: (d: DeviceNode) => DeviceNode) => ({ ...s, devices: s.devices.map((d) => (d.path === path ? patch(d) : d)) });
  switch (ev.type) {
    case 'device.add': return { ...s, devices: [...s.devices.filter((d) => d.path !== ev.device.path), ev.device] };
    case 'device.remove': return { ...s, devices: s.devices.filter((d) => d.path !== ev.path && !d.path.startsWith(ev.path + '/')) };
    case 'driver.bind': return set(ev.path, (d) => ({ ...d, driver: ev.driver, state: 'bound', errno: undefined }));
    case 'driver.unbind': return set(ev.path, (d) => ({ ...d, driver: undefined, state: 'unbound', errno: undefined }));
    case 'probe.deferred': return set(ev.path, (d) => ({ ...d, driver: ev.driver, state: 'deferred' }));
    case 'probe.failed': return set(ev.path, (d) => ({ ...d, driver: ev.driver, state: 'failed', errno: ev.errno }));
    case 'driver.add': return { ...s, drivers: [...s.drivers.filter((d) => d.name !== ev.name || d.bus !== ev.bus), { name: ev.name, bus: ev.bus }] };
    case 'driver.remove': return { ...s, drivers: s.drivers.filter((d) => d.name !== ev.name || d.bus !== ev.bus) };
  }
}

export interface GraphElement { group: 'nodes' | 'edges'; data: Record<string, unknown>; classes?: string }

const ERRNO: Record<number, string> = { [-19]: 'ENODEV', [-22]: 'EINVAL', [-12]: 'ENOMEM', [-16]: 'EBUSY', [-5]: 'EIO', [-517]: 'EPROBE_DEFER', [-110]: 'ETIMEDOUT', [-2]: 'ENOENT' };
export const errnoName = (e: number | undefined): string => (e === undefined ? '' : ERRNO[e] ?? String(e));

/**
 * The driver-model graph: a box per bus holding its devices and drivers (data.box names it; the bus's node, class
 * 'box', is drawn around them), a box per class holding the devices that are on no bus (ttyS0, vda, null: class
 * devices), devices linked to their parents across boxes, drivers linked to the devices they bind. A device on a bus
 * that also has a class is linked to the class.
 */
export function driverModelElements(s: DeviceSnapshot): GraphElement[] {
  const out: GraphElement[] = [];
  const paths = new Set(s.devices.map((d) => d.path));
  const buses = new Set(s.buses), classes = new Set(s.classes);
  const boxOf = (d: DeviceNode) => (d.bus && buses.has(d.bus) ? `bus:${d.bus}` : d.class && classes.has(d.class) ? `class:${d.class}` : undefined);
  const boxOfPath = new Map(s.devices.map((d) => [d.path, boxOf(d)]));
  const boxes = new Set([...s.devices.map(boxOf), ...s.drivers.filter((d) => buses.has(d.bus)).map((d) => `bus:${d.bus}`)]);
  for (const b of s.buses) out.push({ group: 'nodes', data: { id: `bus:${b}`, label: b, kind: 'bus' }, classes: boxes.has(`bus:${b}`) ? 'bus box' : 'bus' });
  for (const c of s.classes) out.push({ group: 'nodes', data: { id: `class:${c}`, label: c, kind: 'class' }, classes: boxes.has(`class:${c}`) ? 'class box' : 'class' });
  for (const d of s.drivers) out.push({ group: 'nodes', data: { id: `drv:${d.bus}:${d.name}`, label: d.name, kind: 'driver', bus: d.bus, ...(buses.has(d.bus) ? { box: `bus:${d.bus}` } : {}) }, classes: 'driver' });
  for (const d of s.devices) {
    const box = boxOf(d);
    // A bound or deferred device names its driver under its own name; a failed one adds the probe's errno.
    const label = d.state === 'failed' ? `${d.name}\n${d.driver ?? ''} ${errnoName(d.errno)}` : d.driver && d.state !== 'unbound' ? `${d.name}\n[${d.driver}]` : d.name;
    out.push({ group: 'nodes', data: { id: `dev:${d.path}`, label, kind: 'device', path: d.path, state: d.state, ...(box ? { box } : {}) }, classes: `device ${d.state}` });
    // A link to a parent in another box (or none) runs across the drawing: drawn fainter than the links inside a box.
    if (d.parent && paths.has(d.parent)) out.push({ group: 'edges', data: { id: `p:${d.path}`, source: `dev:${d.parent}`, target: `dev:${d.path}`, kind: 'parent' }, classes: boxOfPath.get(d.parent) === box ? 'parent' : 'parent across' });
    if (d.driver && d.bus && s.drivers.some((x) => x.name === d.driver && x.bus === d.bus)) {
      out.push({ group: 'edges', data: { id: `d:${d.path}`, source: `drv:${d.bus}:${d.driver}`, target: `dev:${d.path}`, kind: 'driver', state: d.state }, classes: `binds ${d.state}` });
    }
    if (d.class && classes.has(d.class) && box !== `class:${d.class}`) out.push({ group: 'edges', data: { id: `c:${d.path}`, source: `class:${d.class}`, target: `dev:${d.path}`, kind: 'class' }, classes: 'member' });
  }
  return out;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The PCI topology, as `lspci -tv` draws it: host bridge, bridges and endpoints with BDF, IDs, IRQ and driver. */
export function pciElements(s: DeviceSnapshot): GraphElement[] {
  const pci = s.devices.filter((d) => d.pci);
  const paths = new Set(pci.map((d) => d.path));
  const out: GraphElement[] = [];
  const roots = new Set<string>();
  for (const d of pci) {
    const p = d.pci!;
    const ids = p.vendor !== undefined && p.device !== undefined ? ` ${hex4(p.vendor)}:${hex4(p.device)}` : '';
    const label = `${p.bdf.slice(5)}${ids}${d.driver ? `\n${d.driver}` : ''}${p.irq ? ` irq ${p.irq}` : ''}`;
    out.push({ group: 'nodes', data: { id: `dev:${d.path}`, label, kind: 'device', path: d.path, state: d.state }, classes: `device ${d.state}${p.secondary !== undefined ? ' bridge' : ''}` });
    if (d.parent && paths.has(d.parent)) out.push({ group: 'edges', data: { id: `p:${d.path}`, source: `dev:${d.parent}`, target: `dev:${d.path}` } });
    else {
      const root = d.parent ?? 'pci0000:00';
      const rootName = root.split('/').pop()!;
      if (!roots.has(root)) { roots.add(root); out.push({ group: 'nodes', data: { id: `root:${root}`, label: rootName, kind: 'host' }, classes: 'bus' }); }
      out.push({ group: 'edges', data: { id: `r:${d.path}`, source: `root:${root}`, target: `dev:${d.path}` } });
    }
  }
  return out;
}

/** The sysfs tree view: /sys/devices paths as a tree, one node per path component (expanded lazily in the list view). */
export function sysfsElements(s: DeviceSnapshot): GraphElement[] {
  const out: GraphElement[] = [];
  const seen = new Set<string>();
  for (const d of s.devices) {
    const parts = d.path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const id = '/' + parts.slice(0, i).join('/');
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ group: 'nodes', data: { id: `dev:${id}`, label: parts[i - 1], path: id, state: id === d.path ? d.state : 'dir' }, classes: id === d.path ? `device ${d.state}` : 'dir' });
      if (i > 1) out.push({ group: 'edges', data: { id: `s:${id}`, source: `dev:/${parts.slice(0, i - 1).join('/')}`, target: `dev:${id}` } });
    }
  }
  return out;
}

export function elementsFor(view: string, s: DeviceSnapshot): GraphElement[] {
  return view === 'pci' ? pciElements(s) : view === 'sysfs' ? sysfsElements(s) : driverModelElements(s);
}

