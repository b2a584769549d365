// Input devices written in C (include/linux/input.h over drivers/input/input.c): struct input_dev in the kernel memory bridged to the input core.
//
// input_allocate_device() gives C a zeroed struct input_dev whose embedded struct device is the input device's
// (one object, cstruct.ts). Drivers fill name/phys/uniq/id and the capability bitmaps before registering; from
// input_register_device() on, name, phys, uniq and id are windows onto the C struct, the bitmaps were read once
// (input_set_capability() after that updates both), the absinfo array is the C one, and open/close/event are
// called through the module's function table.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { INPUT_EVENT_CODES as C } from '../../include/uapi/linux/input-event-codes.ts';
import { input_dev_view, input_absinfo_view, struct_input_dev, struct_input_absinfo } from '../../toolchain/layouts/views.generated.ts';
import { kfree, kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { kread_u32, kwrite_u32 } from '../../mm/kmem.ts';
import { defineState } from '../state.ts';
import { bind_fields } from '../module/cstruct.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import type { module } from '../module/types.ts';
import { devres_add, devres_alloc } from '../../drivers/base/devres.ts';
import { dev_name } from '../../drivers/base/core.ts';
import { run_sync } from '../../drivers/base/sync.ts';
import {
  BITMAPS, ev_bitmap, input_allocate_device, input_event, input_free_device, input_register_device, input_set_capability, input_unregister_device,
  type bitmap_name, type input_dev,
} from '../../drivers/input/input.ts';
import { c_device, c_device_register, c_device_unregister, cstr_adapter } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

interface InputBridge {
  by_addr: Map<number, input_dev>;
  absinfo: Map<number, number>;
  /** Devices devm_input_allocate_device() gave out: their owner's devres releases them, not the module's unload. */
  devm: Set<number>;
}
const bridge = defineState<InputBridge>('kapi-input', () => ({ by_addr: new Map(), absinfo: new Map(), devm: new Set() }));

/** The C bitmap field of each kernel-sim bitmap. */
const C_BITMAP: Record<bitmap_name, 'propbit' | 'evbit' | 'keybit' | 'relbit' | 'absbit' | 'mscbit' | 'ledbit' | 'sndbit' | 'ffbit' | 'swbit'> = {
  prop: 'propbit', ev: 'evbit', key: 'keybit', rel: 'relbit', abs: 'absbit', msc: 'mscbit', led: 'ledbit', snd: 'sndbit', ff: 'ffbit', sw: 'swbit',
};

/** The input core's device behind a C struct input_dev. */
export const c_dev = (addr: number): input_dev | null => bridge().by_addr.get(addr) ?? null;

/** The unsigned long holding bit `nr` of a C bitmap field (32-bit longs on wasm32). */
const bit_word = (addr: number, bm: bitmap_name, nr: number): number => addr + struct_input_dev.OFF[C_BITMAP[bm]] + (nr >>> 5) * 4;

function set_c_bit(addr: number, bm: bitmap_name, nr: number): void {
  const w = bit_word(addr, bm, nr);
  kwrite_u32(w, kread_u32(w) | (1 << (nr & 31)));
}

/** The C bitmaps as the driver left them, into kernel-sim's (input_register_device reads them once). */
function read_c_bitmaps(addr: number, d: input_dev): void {
  for (const [bm, n] of Object.entries(BITMAPS) as [bitmap_name, number][]) {
    for (let i = 0; i < n; i++) d.bits[bm][i] = (kread_u32(bit_word(addr, bm, i)) >>> (i & 31)) & 1;
  }
}

/** input_allocate_device(): the C struct with its struct device, and kernel-sim's input_dev behind it. */
function c_input_allocate_device(): number {
  const d = input_allocate_device();
  if (!d) return 0;
  const addr = kmalloc(struct_input_dev.SIZE, __GFP_ZERO);
  if (!addr) { input_free_device(d); return 0; }
  disown(addr);
  const v = input_dev_view(addr);
  bridge().by_addr.set(addr, d);
  c_device_register(v.dev.addr, d.dev);
  bind_fields(d, v, ['name', 'phys', 'uniq', 'hint_events_per_packet'], { name: cstr_or_null, phys: cstr_or_null, uniq: cstr_or_null });
  bind_fields(d.id, v.id, ['bustype', 'vendor', 'product', 'version']);
  track_resource('input device', `input_dev@${addr.toString(16)}`, () => free_struct(addr));
  return addr;
}

/** A `const char *` that may be NULL ("Unspecified device" in the core). */
const cstr_or_null = { to_ts: (p: unknown) => (p ? cstr_adapter.to_ts!(p) : null), to_c: (s: unknown) => (s === null ? 0 : cstr_adapter.to_c!(s)) };

function free_struct(addr: number): void {
  const b = bridge();
  const d = b.by_addr.get(addr);
  if (!d) return;
  b.by_addr.delete(addr);
  b.devm.delete(addr);
  const abs = b.absinfo.get(addr);
  if (abs) { kfree(abs); b.absinfo.delete(addr); }
  c_device_unregister(input_dev_view(addr).dev.addr);
  input_free_device(d);
  kfree(addr);
}

/** input_set_abs_params(): the absinfo array (allocated on first use, as input_alloc_absinfo does) and the ABS capability. */
function c_input_set_abs_params(addr: number, axis: number, min: number, max: number, fuzz: number, flat: number): void {
  if (axis >= C.ABS_CNT) return;
  const v = input_dev_view(addr);
  if (!v.absinfo) {
    const a = kmalloc(C.ABS_CNT * struct_input_absinfo.SIZE, __GFP_ZERO);
    if (!a) return;
    disown(a);
    v.absinfo = a;
    bridge().absinfo.set(addr, a);
  }
  const ai = input_absinfo_view(v.absinfo + axis * struct_input_absinfo.SIZE);
  ai.minimum = min; ai.maximum = max; ai.fuzz = fuzz; ai.flat = flat;
  c_input_set_capability(addr, C.EV_ABS, axis);
}

function c_input_set_capability(addr: number, type: number, code: number): void {
  const bm = ev_bitmap(type);
  if (bm && code < BITMAPS[bm]) set_c_bit(addr, bm, code);
  if (type <= C.EV_MAX) set_c_bit(addr, 'ev', type);
  const d = c_dev(addr);
  if (d?.registered) input_set_capability(d, type, code);
}

/** The driver's callbacks, called through the module's table: open may sleep, close and event run where the core calls them. */
function wire_callbacks(addr: number, d: input_dev, mod: module | null): void {
  const v = input_dev_view(addr);
  const open = v.open, close = v.close, event = v.event;
  if (open) d.open = function* () { return (yield* call_slot(open, [addr], 'input open', mod)) as number; };
  if (close) d.close = () => { call_slot_atomic(close, [addr], 'input close', mod); };
  if (event) d.event = (_d, type, code, value) => call_slot_atomic(event, [addr, type, code, value], 'input event', mod) as number;
}

/** The absinfo array becomes kernel-sim's: each axis object is a window onto the C entry. */
function bind_absinfo(addr: number, d: input_dev): void {
  const a = input_dev_view(addr).absinfo;
  if (!a) return;
  d.absinfo = Array.from({ length: C.ABS_CNT }, (_, i) => {
    const o = { value: 0, minimum: 0, maximum: 0, fuzz: 0, flat: 0, resolution: 0 };
    // move = false: the C entries hold what input_set_abs_params() set; the zeros of `o` must not overwrite them.
    bind_fields(o, input_absinfo_view(a + i * struct_input_absinfo.SIZE), ['value', 'minimum', 'maximum', 'fuzz', 'flat', 'resolution'], {}, false);
    return o;
  });
}

function* c_input_register_device(addr: number): KGen<number> {
  const d = c_dev(addr);
  if (!d) return -EINVAL;
  const mod = calling_module();
  read_c_bitmaps(addr, d);
  const v = input_dev_view(addr);
  d.rep = [v.rep_at(0), v.rep_at(1)];
  bind_absinfo(addr, d);
  wire_callbacks(addr, d, mod);
  const r = yield* input_register_device(d);
  if (r) return r;
  if (bridge().devm.has(addr)) return 0;
  untrack_resource((x) => x.kind === 'input device' && x.name === `input_dev@${addr.toString(16)}`, mod);
  track_resource('input device', dev_name(d.dev), () => { run_sync(input_unregister_device(d), 'input device leak'); free_struct(addr); }, mod);
  return 0;
}

/** input_unregister_device(): the device goes and, as in Linux, the struct with it (the last reference). */
function* c_input_unregister_device(addr: number): KGen<void> {
  const d = c_dev(addr);
  if (!d) return;
  untrack_resource((x) => x.kind === 'input device' && x.name === dev_name(d.dev));
  yield* input_unregister_device(d);
  free_struct(addr);
}

function c_input_free_device(addr: number): void {
  const d = c_dev(addr);
  if (!d || d.registered) return;
  untrack_resource((x) => x.kind === 'input device' && x.name === `input_dev@${addr.toString(16)}`);
  free_struct(addr);
}

/** devm_input_allocate_device(): unregistered (or freed) when the owning device's driver goes away. */
function c_devm_input_allocate_device(dev: number): number {
  const owner = c_device(dev);
  if (!owner) return 0;
  const addr = c_input_allocate_device();
  if (!addr) return 0;
  const mod = calling_module();
  untrack_resource((x) => x.kind === 'input device' && x.name === `input_dev@${addr.toString(16)}`, mod);
  bridge().devm.add(addr);
  devres_add(owner, devres_alloc(() => {
    const d = c_dev(addr);
    if (d?.registered) run_sync(input_unregister_device(d), 'devm_input_device_unregister');
    free_struct(addr);
  }, struct_input_dev.SIZE, 'devm_input_device_release'));
  return addr;
}

export const ksymtab = EXPORT_KAPI({
  input_allocate_device: c_input_allocate_device,
  devm_input_allocate_device: c_devm_input_allocate_device,
  input_free_device: c_input_free_device,
  input_register_device: c_input_register_device,
  input_unregister_device: c_input_unregister_device,
  input_event: (addr: number, type: number, code: number, value: number) => { const d = c_dev(addr); if (d) input_event(d, type >>> 0, code >>> 0, value | 0); },
  input_set_capability: c_input_set_capability,
  input_set_abs_params: c_input_set_abs_params,
});

