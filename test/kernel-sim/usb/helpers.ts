// Shared setup for USB tests: the default machine (xHCI at 00:04.0) booted, and plugging device models into its root ports.
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { usb_plug, usb_unplug } from '../../../kernel-sim/hw/usb/bus.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

export function bootDefault(): Machine {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  return m;
}

export const sh = (m: Machine, cmd: string): string => m.runCommand(cmd).output;

/** Plugs `model` into controller port `port` and lets the hub driver enumerate it (one second of virtual time). */
export function plug(m: Machine, port: number, model = 'usb-echo'): void {
  const err = m.inspect(() => usb_plug(machine_hw()!, port, model));
  if (err) throw new Error(err);
  m.runCommand('sleep 1');
}

export function unplug(m: Machine, port: number): void {
  const err = m.inspect(() => usb_unplug(machine_hw()!, port));
  if (err) throw new Error(err);
  m.runCommand('sleep 1');
}

/** dmesg lines without timestamps. */
export const dmesg = (m: Machine): string[] => sh(m, 'dmesg').split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, '')).filter(Boolean);
