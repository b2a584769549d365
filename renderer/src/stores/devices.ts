// The devices store: the device-model snapshot and its change events, the selected node, and the actions a person tries on it (unbind, bind, remove, rescan) as shell commands in the guest.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { applyDeviceEvent, fromKernelSnapshot, type DeviceEvent, type DeviceNode, type DeviceSnapshot } from '../devices/model.ts';
import type { DEVICE_CHANGE_EVENTS } from '../../../kernel-sim/api/devices.ts';
import type { KernelClient } from '../kernel/client.ts';
import { useSessionStore } from './session.ts';

/** The trace events (cat "device") that change the snapshot, as kernel-sim/api/devices.ts lists them (the renderer imports only its types). */
export const DEVICE_CHANGES: ReadonlyArray<(typeof DEVICE_CHANGE_EVENTS)[number]> = [
  'device_add', 'device_del', 'bus_register', 'driver_register', 'driver_unregister', 'probe_start', 'probe_end', 'probe_deferred',
  'unbind_end', 'device_link_add', 'device_link_del', 'uevent',
];

export type GraphView = 'driver-model' | 'pci' | 'sysfs';

const empty = (): DeviceSnapshot => ({ buses: [], drivers: [], classes: [], devices: [] });

/** Shell commands that act on a device, exactly as one would type them. */
export function deviceActions(d: DeviceNode): Array<{ id: string; label: string; command: string }> {
  const name = d.path.split('/').pop()!;
  const out: Array<{ id: string; label: string; command: string }> = [];
  if (d.bus && d.driver && d.state === 'bound') out.push({ id: 'unbind', label: 'Unbind', command: `echo ${name} > /sys/bus/${d.bus}/drivers/${d.driver}/unbind` });
  if (d.bus && d.state !== 'bound') {
    out.push(d.driver
      ? { id: 'bind', label: `Bind to ${d.driver}`, command: `echo ${name} > /sys/bus/${d.bus}/drivers/${d.driver}/bind` }
      : { id: 'probe', label: 'Probe drivers', command: `echo ${name} > /sys/bus/${d.bus}/drivers_probe` });
  }
  if (d.bus === 'pci') {
    out.push({ id: 'remove', label: 'Remove', command: `echo 1 > ${d.path}/remove` });
    out.push({ id: 'rescan', label: 'Rescan bus', command: 'echo 1 > /sys/bus/pci/rescan' });
  }
  return out;
}

/** `grep -s . DIR/*` output ("DIR/name:value" per line) as attributes, first line of each file. */
export function parseGrepAttrs(dir: string, output: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith(dir + '/')) continue;
    const rest = line.slice(dir.length + 1);
    const i = rest.indexOf(':');
    if (i <= 0) continue;
    const name = rest.slice(0, i);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, value: rest.slice(i + 1) });
  }
  return out;
}

export const useDevicesStore = defineStore('devices', () => {
  const snapshot = shallowRef<DeviceSnapshot>(empty());
  const selected = ref<string | null>(null);
  const view = ref<GraphView>('driver-model');
  const attrs = ref<Array<{ name: string; value: string }>>([]);
  const lastAction = ref<{ command: string; output: string; status: number } | null>(null);
  const available = ref<boolean | null>(null);

  function load(s: DeviceSnapshot): void { snapshot.value = s; available.value = true; }
  function apply(ev: DeviceEvent | DeviceEvent[]): void {
    let s = snapshot.value;
    for (const e of Array.isArray(ev) ? ev : [ev]) s = applyDeviceEvent(s, e);
    snapshot.value = s;
  }

  const selectedDevice = computed(() => snapshot.value.devices.find((d) => d.path === selected.value) ?? null);

  async function select(path: string | null): Promise<void> {
    selected.value = path;
    attrs.value = [];
    if (!path) return;
    const client = useSessionStore().client;
    if (!client) return;
    try {
      // Reads the attributes through sysfs, as `grep . *` in the device's folder would.
      const r = await client.request('shell.run', { command: `grep -s . ${path}/*`, timeoutNs: 5e9 });
      if (selected.value !== path) return;
      attrs.value = parseGrepAttrs(path, r.output);
    } catch { /* no attributes */ }
  }

  async function runAction(command: string): Promise<void> {
    const client = useSessionStore().client;
    if (!client) return;
    const r = await client.request('shell.run', { command, timeoutNs: 10e9 });
    lastAction.value = { command, output: r.output, status: r.status };
  }

  let offs: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let fetching = false;
  let again = false;

  /** Fetches devices.snapshot; a kernel without one leaves `available` false. */
  async function refresh(client: KernelClient): Promise<void> {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      load(fromKernelSnapshot(await client.request('devices.snapshot', {})));
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOSYS') available.value = false;
    } finally {
      fetching = false;
    }
    if (again) { again = false; await refresh(client); }
  }

  /** Follows a client: a snapshot on every (re)connect and boot, refetched (debounced) on device change events from the trace stream. */
  function attach(client: KernelClient, debounceMs = 100): void {
    offs.forEach((o) => o());
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { timer = null; void refresh(client); }, debounceMs);
    };
    const changes = new Set<string>(DEVICE_CHANGES);
    let boots: number | null = null;
    offs = [
      client.onTrace((batch) => { if (batch.some((e) => e.cat === 'device' && changes.has(e.name))) soon(); }),
      client.onConnection((state) => { if (state === 'open') soon(); }),
      client.onHost(() => soon()),
      client.onMachine((info) => { if (boots !== info.bootCount) { boots = info.bootCount; soon(); } }),
    ];
    if (client.state === 'open') soon();
  }

  return { snapshot, selected, selectedDevice, view, attrs, lastAction, available, load, apply, select, runAction, refresh, attach };
});
