// Models QEMU migration/vmstate.c and include/migration/vmstate.h: a device's saved state declared once as a field list, save and load derived from it.
import type { VirtualClock, QEMUTimer } from './clock.ts';

/** A snapshot as JSON-able data. */
export type VMStateJSON = { [key: string]: unknown };

/** How one field travels (QEMU's VMStateInfo): to JSON and back into the device. */
export interface VMStateInfo<T> {
  put(dev: T, field: string): unknown;
  get(dev: T, field: string, value: unknown): void;
}

/** VMStateDescription: the fields in order, then post_load once every field is back. */
export interface VMStateDescription<T> {
  name: string;
  fields: ReadonlyArray<readonly [field: string, info: VMStateInfo<T>]>;
  post_load?: (dev: T) => void;
}

type Rec = Record<string, unknown>;
const rec = (d: unknown): Rec => d as Rec;

/** Plain numbers and booleans (VMSTATE_UINT32, VMSTATE_BOOL ...). */
export const vmstate_info_scalar: VMStateInfo<unknown> = {
  put: (d, f) => rec(d)[f],
  get: (d, f, v) => { rec(d)[f] = v; },
};
/** A 64-bit register held as bigint (VMSTATE_UINT64), carried as a decimal string. */
export const vmstate_info_uint64: VMStateInfo<unknown> = {
  put: (d, f) => (rec(d)[f] as bigint).toString(),
  get: (d, f, v) => { rec(d)[f] = BigInt(v as string); },
};
/** An array of numbers (VMSTATE_UINT32_ARRAY), copied so the snapshot and the device never alias. */
export const vmstate_info_numbers: VMStateInfo<unknown> = {
  put: (d, f) => [...(rec(d)[f] as number[])],
  get: (d, f, v) => { rec(d)[f] = [...(v as number[])]; },
};
/** An array of 64-bit values (VMSTATE_UINT64_ARRAY). */
export const vmstate_info_uint64s: VMStateInfo<unknown> = {
  put: (d, f) => (rec(d)[f] as bigint[]).map((x) => x.toString()),
  get: (d, f, v) => { rec(d)[f] = (v as string[]).map((x) => BigInt(x)); },
};
/** A byte buffer (VMSTATE_BUFFER), as hex, loaded into the device's own array. */
export const vmstate_info_buffer: VMStateInfo<unknown> = {
  put: (d, f) => bytes_to_hex(rec(d)[f] as Uint8Array),
  get: (d, f, v) => { hex_to_bytes(v as string, rec(d)[f] as Uint8Array); },
};
/** A record of bigint registers ({ src, dst, cnt, cmd }). */
export const vmstate_info_uint64_record: VMStateInfo<unknown> = {
  put: (d, f) => Object.fromEntries(Object.entries(rec(d)[f] as Record<string, bigint>).map(([k, x]) => [k, x.toString()])),
  get: (d, f, v) => { rec(d)[f] = Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, x]) => [k, BigInt(x)])); },
};
/** Plain data the device owns (capability state): deep-copied both ways. */
export const vmstate_info_json: VMStateInfo<unknown> = {
  put: (d, f) => JSON.parse(JSON.stringify(rec(d)[f] ?? {})) as unknown,
  get: (d, f, v) => { rec(d)[f] = JSON.parse(JSON.stringify(v ?? {})) as unknown; },
};
/** A pending timer (VMSTATE_TIMER): its expiry, or -1; loading re-arms it on the device's clock. */
export function vmstate_info_timer(clock: (dev: unknown) => VirtualClock): VMStateInfo<unknown> {
  return {
    put: (d, f) => (rec(d)[f] as QEMUTimer | null)?.expire_time ?? -1,
    get: (d, f, v) => {
      const t = rec(d)[f] as QEMUTimer;
      clock(d).timer_del(t);
      if ((v as number) >= 0) clock(d).timer_mod(t, v as number);
    },
  };
}
/** A nested description (VMSTATE_STRUCT): a model's own fields under one key. */
export function vmstate_info_struct<T>(vmsd: (dev: T) => VMStateDescription<T>): VMStateInfo<T> {
  return {
    put: (d) => vmstate_save(d, vmsd(d)),
    get: (d, _f, v) => vmstate_load(d, vmsd(d), (v ?? {}) as VMStateJSON),
  };
}

/** vmstate_save_state: every field in order. */
export function vmstate_save<T>(dev: T, vmsd: VMStateDescription<T>): VMStateJSON {
  const out: VMStateJSON = {};
  for (const [f, info] of vmsd.fields) out[f] = info.put(dev, f);
  return out;
}

/** vmstate_load_state: every field present in the snapshot, in order, then post_load. */
export function vmstate_load<T>(dev: T, vmsd: VMStateDescription<T>, s: VMStateJSON): void {
  for (const [f, info] of vmsd.fields) if (f in s) info.get(dev, f, s[f]);
  vmsd.post_load?.(dev);
}

export function bytes_to_hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function hex_to_bytes(s: string, into: Uint8Array): void {
  for (let i = 0; i < into.length && 2 * i < s.length; i++) into[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
}
