// The devices store: the device-model snapshot (refetched on the kernel's device-change tracepoints), the selected node with its sysfs attributes (read through the VFS), and the actions a person tries on it (sysfs writes: unbind, bind, remove, rescan).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { applyDeviceEvent, fromKernelSnapshot, type DeviceEvent, type DeviceNode, type DeviceSnapshot } from '../devices/model.ts';
import type { KernelClient } from '../kernel/client.ts';
import type { AttachedStore } from '../kernel/attach.ts';
import { useSessionStore } from './session.ts';

export type GraphView = 'driver-model' | 'pci' | 'sysfs';

const empty = (): DeviceSnapshot => ({ buses: [], drivers: [], classes: [], devices: [] });

/** An action on a device: a value written to a sysfs file, exactly as `echo VALUE > PATH` would. */
export interface DeviceAction { id: string; label: string; path: string; value: string }

/** The sysfs writes that act on a device. */
export function deviceActions(d: DeviceNode): DeviceAction[] {
  const name = d.path.split('/').pop()!;
  const out: DeviceAction[] = [];
  if (d.bus && d.driver && d.state === 'bound') out.push({ id: 'unbind', label: 'Unbind', path: `/sys/bus/${d.bus}/drivers/${d.driver}/unbind`, value: name });
  if (d.bus && d.state !== 'bound') {
    out.push(d.driver
      ? { id: 'bind', label: `Bind to ${d.driver}`, path: `/sys/bus/${d.bus}/drivers/${d.driver}/bind`, value: name }
      : { id: 'probe', label: 'Probe drivers', path: `/sys/bus/${d.bus}/drivers_probe`, value: name });
  }
  if (d.bus === 'pci') {
    out.push({ id: 'remove', label: 'Remove', path: `${d.path}/remove`, value: '1' });
    out.push({ id: 'rescan', label: 'Rescan bus', path: '/sys/bus/pci/rescan', value: '1' });
  }
  return out;
}

/** Attributes of a device folder read at most (sysfs folders are small; this bounds a pathological one). */
const ATTR_LIMIT = 64;

/** Reads a sysfs folder's attributes through fs.readdir and fs.read: the first line of every readable regular file. */
export async function readSysfsAttrs(client: KernelClient, dir: string): Promise<Array<{ name: string; value: string }>> {
  const { entries } = await client.request('fs.readdir', { path: dir });
  const files = entries.filter((e) => e.type === 'file').map((e) => e.name).sort().slice(0, ATTR_LIMIT);
  const values = await Promise.all(files.map((name) => client.request('fs.read', { path: `${dir}/${name}`, maxBytes: 4096 }).then((r) => r.data, () => null)));
  return files.flatMap((name, i) => {
    const v = values[i];
    if (v === null || v === undefined || v === '') return [];
    // A binary attribute (PCI config space, resource files) is named by its size, not dumped.
    return [{ name, value: /[\x00-\x08\x0e-\x1f]/.test(v) ? `(binary, ${v.length} bytes)` : v.split('\n')[0]! }];
  });
}

export const useDevicesStore = defineStore('devices', () => {
  const snapshot = shallowRef<DeviceSnapshot>(empty());
  const selected = ref<string | null>(null);
  const view = ref<GraphView>('driver-model');
  const attrs = ref<Array<{ name: string; value: string }>>([]);
  const lastAction = ref<{ label: string; path: string; value: string; error: string | null } | null>(null);
  const available = ref<boolean | null>(null);

  /**
   * How many snapshots were asked for, and which request the current one answers: a fetch asked for before a change
   * (a Build & Load's bind) can land after it, and must not be read as the machine after that change.
   */
  const requested = ref(0);
  const snapshotSeq = ref(0);

  function load(s: DeviceSnapshot, seq = ++requested.value): void { snapshot.value = s; snapshotSeq.value = seq; available.value = true; }
  function apply(ev: DeviceEvent | DeviceEvent[]): void {
    let s = snapshot.value;
    for (const e of Array.isArray(ev) ? ev : [ev]) s = applyDeviceEvent(s, e);
    snapshot.value = s;
    snapshotSeq.value = ++requested.value;
  }

  const selectedDevice = computed(() => snapshot.value.devices.find((d) => d.path === selected.value) ?? null);

  async function select(path: string | null): Promise<void> {
    selected.value = path;
    attrs.value = [];
    if (!path) return;
    const client = useSessionStore().client;
    if (!client) return;
    try {
      const got = await readSysfsAttrs(client, path);
      if (selected.value === path) attrs.value = got;
    } catch { /* no attributes */ }
  }

  /** Writes the action's value to its sysfs file; the result (or the kernel's errno) shows under the actions. */
  async function runAction(action: DeviceAction): Promise<void> {
    const client = useSessionStore().client;
    if (!client) return;
    try {
      await client.request('fs.write', { path: action.path, data: `${action.value}\n` });
      lastAction.value = { label: action.label, path: action.path, value: action.value, error: null };
    } catch (err) {
      lastAction.value = { label: action.label, path: action.path, value: action.value, error: err instanceof Error ? err.message : String(err) };
    }
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let fetching = false;
  let again = false;
  /** The tracepoints ("subsystem:name") that change the snapshot, from the kernel's catalog (trace.tracepoints). */
  let changes = new Set<string>();
  /** Quiet time after a change event before the snapshot is refetched. */
  const debounceMs = ref(100);

  /** Fetches devices.snapshot; a kernel without one leaves `available` false. */
  async function refresh(client: KernelClient): Promise<void> {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      const seq = ++requested.value;
      load(fromKernelSnapshot(await client.request('devices.snapshot', {})), seq);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOSYS') available.value = false;
    } finally {
      fetching = false;
    }
    if (again) { again = false; await refresh(client); }
  }

  function soon(client: KernelClient): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; void refresh(client); }, debounceMs.value);
  }

  /** What the attach service keeps in sync: the snapshot on every (re)connect and boot, refetched (debounced) on device-change tracepoints. */
  const source: AttachedStore = {
    name: 'devices',
    streams: ['trace'],
    async backfill(client) {
      const { tracepoints } = await client.request('trace.tracepoints', {});
      changes = new Set(tracepoints.filter((t) => t.affects.includes('devices')).flatMap((t) => t.names.map((n) => `${t.subsystem}:${n}`)));
      await refresh(client);
    },
    live: (client) => [
      client.onTrace((batch) => { if (batch.some((e) => changes.has(`${e.cat}:${e.name}`))) soon(client); }),
      () => { if (timer) clearTimeout(timer); timer = null; },
    ],
  };

  return { snapshot, requested, snapshotSeq, selected, selectedDevice, view, attrs, lastAction, available, debounceMs, load, apply, select, runAction, refresh, source };
});
