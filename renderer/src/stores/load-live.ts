// The last Build & Load's verdict kept current: the module unloaded since (rmmod, Unload), a device it bound unbound or removed since; from the machine's module list and the device-model snapshot.
import { computed, type ComputedRef } from 'vue';
import type { ModuleLoadResult } from '../../../kernel-sim/api/methods/module.ts';
import type { DeviceSnapshot } from '../devices/model.ts';
import { loadMessage, useEditorStore } from './editor.ts';
import { useSessionStore } from './session.ts';
import { useDevicesStore } from './devices.ts';

export type DeviceNow = 'bound' | 'unbound' | 'removed';
export interface LiveLoad {
  /** The module is no longer loaded. */
  unloaded: boolean;
  /** Each device the load bound, and where it is now. */
  devices: Array<{ name: string; driver: string; now: DeviceNow }>;
  /** The one-line verdict as it stands now. */
  message: string;
  /** Whether the verdict still reads as a success. */
  ok: boolean;
}

/**
 * Where the load's outcome stands given the modules loaded now and the current device snapshot. An empty snapshot is
 * not known yet, so not "removed"; nor is one asked for before the load came back (`fresh` false), which still shows
 * the devices as they were before the probe.
 */
export function liveLoad(r: ModuleLoadResult, modules: readonly string[] | null, snap: DeviceSnapshot, fresh = true, listed = true): LiveLoad {
  // Unloaded only once a module list has shown the module since the load (`listed`): an older list never had it.
  const unloaded = r.loaded && listed && modules !== null && !modules.includes(r.modname);
  const known = fresh && snap.devices.length > 0;
  const devices = r.devices.map((d) => {
    const now: DeviceNow = !known ? 'bound' : (() => {
      const x = snap.devices.find((s) => s.path === `/sys${d.devpath}`);
      if (!x) return 'removed';
      return x.state === 'bound' && x.driver === d.driver ? 'bound' : 'unbound';
    })();
    return { name: d.name, driver: d.driver, now };
  });
  const first = loadMessage(r);
  const okAtLoad = r.loaded && r.probes.every((p) => p.ret === 0);
  if (unloaded) return { unloaded, devices, message: `${r.modname} was unloaded since it was loaded — Build & Load loads it again`, ok: false };
  const lost = devices.filter((d) => d.now !== 'bound');
  if (lost.length) {
    const what = lost.map((d) => `${d.name} ${d.now === 'removed' ? 'removed' : `unbound from ${d.driver}`}`).join(', ');
    return { unloaded, devices, message: `Loaded ${r.modname} — ${what} since`, ok: false };
  }
  return { unloaded, devices, message: first, ok: okAtLoad };
}

/** liveLoad of the editor's last Build & Load, reactive. */
export function useLiveLoad(): ComputedRef<LiveLoad | null> {
  const editor = useEditorStore();
  const session = useSessionStore();
  const devices = useDevicesStore();
  return computed(() => (editor.lastLoad ? liveLoad(editor.lastLoad, session.machine?.modules ?? null, devices.snapshot, devices.snapshotSeq > editor.lastLoadSeq, editor.lastLoadListed) : null));
}
