// Models QEMU hw/core/qdev.c: the device base with realize/reset, a guest-error channel and serializable state.
import type { VirtualClock } from './clock.ts';
import type { GuestErrorKind, GuestErrorLog } from './guest-error.ts';
import type { RegionOwner } from './memory.ts';

/** What every model gets from its machine: virtual time and the guest-error channel. */
export interface HwContext {
  clock: VirtualClock;
  log: GuestErrorLog;
}

/** A JSON-able snapshot of a model's state (QEMU's VMState, as plain data). */
export type DeviceSaveState = { [key: string]: unknown };

/** QEMU's TypeInfo/DeviceClass, as data. */
export interface DeviceTypeInfo {
  /** QEMU type name: "edu", "pcie-root-port", "isa-serial" ... */
  name: string;
  desc: string;
}

export abstract class DeviceState implements RegionOwner {
  realized = false;

  constructor(
    readonly ctx: HwContext,
    /** Instance name shown in guest errors, e.g. "edu" or "edu@00:02.0". */
    public id: string,
  ) {}

  abstract readonly type_info: DeviceTypeInfo;

  /** DeviceClass::realize: builds regions and initial state; runs once. */
  realize(): void {
    this.realized = true;
  }

  /** DeviceClass::reset: back to power-on state (device_cold_reset). */
  abstract reset(): void;

  abstract save(): DeviceSaveState;
  abstract load(state: DeviceSaveState): void;

  /** qemu_log_mask(LOG_GUEST_ERROR, ...) tagged with this device and the virtual time. */
  guest_error(kind: GuestErrorKind, message: string, addresses?: { dev_addr?: number; ram_addr?: number; len?: number }): void {
    this.ctx.log.log({ device: this.id, kind, message, time_ns: this.ctx.clock.now_ns(), ...(addresses ? { addresses } : {}) });
  }
}

export function qdev_realize(dev: DeviceState): DeviceState {
  if (!dev.realized) {
    dev.realize();
    dev.realized = true;
    dev.reset();
  }
  return dev;
}

/** Helpers for save/load of typed arrays as plain JSON. */
export function bytes_to_hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function hex_to_bytes(s: string, into: Uint8Array): void {
  for (let i = 0; i < into.length && 2 * i < s.length; i++) into[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
}
