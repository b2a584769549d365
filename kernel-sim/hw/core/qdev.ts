// Models QEMU hw/core/qdev.c: the device base with realize/reset, a guest-error channel and serializable state.
import type { VirtualClock } from './clock.ts';
import type { GuestErrorKind, GuestErrorLog } from './guest-error.ts';
import type { RegionOwner } from './memory.ts';
import { vmstate_load, vmstate_save, type VMStateDescription, type VMStateJSON } from './vmstate.ts';

/** What every model gets from its machine: virtual time and the guest-error channel. */
export interface HwContext {
  clock: VirtualClock;
  log: GuestErrorLog;
}

/** A JSON-able snapshot of a model's state (QEMU's VMState, as plain data). */
export type DeviceSaveState = VMStateJSON;

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

  /** DeviceClass::vmsd: the saved state, declared once; save and load follow from it. */
  abstract readonly vmsd: VMStateDescription<any>;

  save(): DeviceSaveState {
    return vmstate_save(this, this.vmsd);
  }

  load(state: DeviceSaveState): void {
    vmstate_load(this, this.vmsd, state);
  }

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

export { bytes_to_hex, hex_to_bytes } from './vmstate.ts';
