// Handlers of the USB methods: the xHCI's root ports and hotplug of device models (hw/usb/bus.ts), the kernel's device tree (usb_tree), with a little virtual time after each change so the hub driver has seen it.
import { usbApi } from '../../api/methods/usb.ts';
import { machine_hw } from '../../machine/hardware.ts';
import { MachineError } from '../../machine/types.ts';
import { USB_DEVICE_TYPES, usb_plug, usb_ports, usb_unplug } from '../../hw/usb/bus.ts';
import { NSEC_PER_MSEC } from '../../kernel/time/timekeeping.ts';
import { usb_tree } from '../../drivers/usb/core/usb_tree.ts';
import { defineMethods } from './define.ts';

/** Long enough for debounce, two port resets and enumeration (about 400 ms of virtual time). */
const SETTLE_NS = 500 * NSEC_PER_MSEC;

export const usbMethods = defineMethods(usbApi, {
  'usb.ports': (_params, ctx) => {
    const ports = ctx.machine().inspect(() => { const hw = machine_hw(); return hw ? usb_ports(hw) : []; });
    return { ports: ports.map((p) => ({ ...p, speed: p.speed as 'low' | 'full' | 'high' | 'super' | null })), models: USB_DEVICE_TYPES.map((t) => ({ name: t.name, desc: t.desc, speed: t.speed })) };
  },
  'usb.tree': (_params, ctx) => ({ buses: ctx.machine().inspect(() => usb_tree()) }),
  'usb.plug': (params, ctx) => {
    const m = ctx.machine();
    const err = m.inspect(() => { const hw = machine_hw(); return hw ? usb_plug(hw, params.port, params.model, params.controller) : 'this machine has no hardware'; });
    if (err) throw new MachineError('EINVAL', err);
    m.runFor(SETTLE_NS);
    return { ok: true as const };
  },
  'usb.unplug': (params, ctx) => {
    const m = ctx.machine();
    const err = m.inspect(() => { const hw = machine_hw(); return hw ? usb_unplug(hw, params.port, params.controller) : 'this machine has no hardware'; });
    if (err) throw new MachineError('EINVAL', err);
    m.runFor(SETTLE_NS);
    return { ok: true as const };
  },
});
