// Models linux/drivers/pci/probe.c's pcibus_class and pci-sysfs.c's pcibus attributes: each root bus's class device, /sys/devices/pciDDDD:BB/pci_bus/DDDD:BB, listed in /sys/class/pci_bus.
import type { KGen } from '../../include/linux/sched.ts';
import type { pci_bus } from '../../include/linux/pci.ts';
import { defineState } from '../../kernel/state.ts';
import { runqueue } from '../../kernel/sched/core.ts';
import type { class_, device_attribute } from '../base/base.ts';
import { class_register } from '../base/class.ts';
import { device_create } from '../base/core.ts';

const online = (): number => Math.max(1, runqueue().nr_cpus);

/** cpuaffinity / cpulistaffinity: the CPUs near the bus (all of them: no NUMA here). */
const pcibus_attrs: device_attribute[] = [
  { name: 'cpuaffinity', mode: 0o444, show: () => `${((1 << online()) - 1).toString(16)}\n` },
  { name: 'cpulistaffinity', mode: 0o444, show: () => (online() > 1 ? `0-${online() - 1}\n` : '0\n') },
  // rescan: writing 1 rescans the bus in Linux; the workbench's rescan is /sys/bus/pci/rescan.
  { name: 'rescan', mode: 0o200, store: (_d, _a, buf) => buf.length },
];

export const pcibus_class: class_ = { name: 'pci_bus', dev_groups: [{ attrs: pcibus_attrs }] };

const st = defineState('pcibus_class', () => ({ registered: false }));

/** pci_register_host_bridge()'s device_register(&bus->dev): the class device below the host bridge, once the bridge is in sysfs. */
export function* pci_bus_class_add(bus: pci_bus): KGen<number> {
  if (bus.dev || !bus.bridge) return 0;
  if (!st().registered) {
    const r = class_register(pcibus_class);
    if (r) return r;
    st().registered = true;
  }
  const d = yield* device_create(pcibus_class, bus.bridge, 0, bus, `${bus.domain_nr.toString(16).padStart(4, '0')}:${bus.number.toString(16).padStart(2, '0')}`);
  if (typeof d === 'number') return d;
  bus.dev = d;
  return 0;
}
