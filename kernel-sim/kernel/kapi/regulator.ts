// Regulator consumers written in C (drivers/regulator/core.c and devres.c's exports, all EXPORT_SYMBOL_GPL): struct regulator * as an opaque handle on the core's consumer, and struct regulator_bulk_data arrays read and filled in place.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENOMEM, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { devres_add, devres_alloc, devres_release } from '../../drivers/base/devres.ts';
import { dev_err } from '../../drivers/base/core.ts';
import * as core from '../../drivers/regulator/core.ts';
import { kread_cstr } from '../../mm/kmem.ts';
import { kfree, kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { regulator_bulk_data_view, struct_regulator_bulk_data } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';
import { c_device, ERR_PTR } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct regulator * handles: a few zeroed bytes of kernel memory each, so C sees distinct non-NULL pointers. */
interface RegulatorKapiState { by_handle: Map<number, core.regulator>; handles: Map<core.regulator, number> }
const st = defineState<RegulatorKapiState>('kapi-regulator', () => ({ by_handle: new Map(), handles: new Map() }));

function handle_of(r: core.regulator): number {
  const h = kmalloc(8, __GFP_ZERO);
  if (!h) return 0;
  disown(h);
  st().by_handle.set(h, r);
  st().handles.set(r, h);
  return h;
}
const ts_regulator = (h: number): core.regulator | null => st().by_handle.get(h) ?? null;

/** regulator_put(): the core lets go, then the handle is freed (C's pointer is dangling from here, as in Linux). */
function put_c(h: number): void {
  const r = ts_regulator(h);
  if (!r) return;
  core.regulator_put(r);
  st().by_handle.delete(h);
  st().handles.delete(r);
  kfree(h);
}

/** _regulator_get() for C: the handle, or -errno for a missing device or supply. */
function* get_handle(dev_a: number, id_a: number, type: number, devm: boolean): KGen<number> {
  const dev = dev_a ? c_device(dev_a) : null;
  if (dev_a && !dev) return -EINVAL;
  const r = yield* core._regulator_get(dev, id_a ? kread_cstr(id_a, 64) : null, type);
  if (typeof r === 'number') return r;
  const h = handle_of(r);
  if (!h) { core.regulator_put(r); return -ENOMEM; }
  // devm_regulator_release(): the managed handle is put when the consumer unbinds.
  if (devm && dev) devres_add(dev, devres_alloc(() => put_c(h), 4, 'devm_regulator_release', h));
  return h;
}

/** The regulator_get family: the handle or an ERR_PTR. */
function get_c(type: number, devm: boolean) {
  return function* (dev_a: number, id_a: number): KGen<number> {
    const h = yield* get_handle(dev_a, id_a, type, devm);
    return h < 0 ? ERR_PTR(h) : h;
  };
}

/** devm_regulator_put(): the managed put done early; a handle it never managed is a WARN in devres.c. */
function devm_put_c(h: number): void {
  const r = ts_regulator(h);
  if (!r?.dev) return;
  if (devres_release(r.dev, (n) => n.data === h) !== 0) core.devm_regulator_put(r);
}

/** A C regulator_bulk_data array as the core's: supply names in, consumers and ret written back by `sync`. */
function bulk(num: number, a: number): { data: core.regulator_bulk_data[]; sync(): void } | null {
  if (num < 0 || num > 64 || !a) return null;
  const views = Array.from({ length: num }, (_, i) => regulator_bulk_data_view(a + i * struct_regulator_bulk_data.SIZE));
  const data = views.map((v) => ({ supply: v.supply ? kread_cstr(v.supply, 64) : '', consumer: ts_regulator(v.consumer), ret: v.ret }));
  return {
    data,
    sync: () => views.forEach((v, i) => { v.ret = data[i]!.ret; }),
  };
}

/** regulator_bulk_get() / devm_regulator_bulk_get(): every supply or none, each consumer written into its entry. */
function* bulk_get_c(dev_a: number, num: number, a: number, devm: boolean): KGen<number> {
  const dev = c_device(dev_a);
  const b = bulk(num, a);
  if (!dev || !b) return -EINVAL;
  const got: number[] = [];
  for (let i = 0; i < num; i++) {
    const v = regulator_bulk_data_view(a + i * struct_regulator_bulk_data.SIZE);
    v.consumer = 0;
    const err = yield* get_handle(dev_a, v.supply, core.NORMAL_GET, devm);
    if (err < 0) {
      if (err !== -EPROBE_DEFER) dev_err(dev, `Failed to get supply '${b.data[i]!.supply}': ${err}\n`);
      for (const g of got) if (devm) devm_put_c(g); else put_c(g);
      for (let j = 0; j < i; j++) regulator_bulk_data_view(a + j * struct_regulator_bulk_data.SIZE).consumer = 0;
      return err;
    }
    v.consumer = err;
    got.push(err);
  }
  return 0;
}

/** The bulk enable/disable of the core over a C array whose consumers came from regulator_bulk_get. */
function* bulk_op_c(num: number, a: number, op: (d: core.regulator_bulk_data[]) => KGen<number>): KGen<number> {
  const b = bulk(num, a);
  if (!b || b.data.some((d) => !d.consumer)) return -EINVAL;
  const r = yield* op(b.data);
  b.sync();
  return r;
}

function on_regulator<A extends unknown[]>(fn: (r: core.regulator, ...args: A) => KGen<number>) {
  return function* (h: number, ...args: A): KGen<number> {
    const r = ts_regulator(h);
    return r ? yield* fn(r, ...args) : -EINVAL;
  };
}

export const ksymtab = EXPORT_KAPI({
  regulator_get: get_c(core.NORMAL_GET, false),
  devm_regulator_get: get_c(core.NORMAL_GET, true),
  regulator_get_exclusive: get_c(core.EXCLUSIVE_GET, false),
  devm_regulator_get_exclusive: get_c(core.EXCLUSIVE_GET, true),
  regulator_get_optional: get_c(core.OPTIONAL_GET, false),
  devm_regulator_get_optional: get_c(core.OPTIONAL_GET, true),
  regulator_put: put_c,
  devm_regulator_put: devm_put_c,
  regulator_enable: on_regulator(core.regulator_enable),
  regulator_disable: on_regulator(core.regulator_disable),
  regulator_is_enabled: on_regulator(core.regulator_is_enabled),
  regulator_get_voltage: on_regulator(core.regulator_get_voltage),
  regulator_set_voltage: on_regulator((r, min: number, max: number) => core.regulator_set_voltage(r, min, max)),
  regulator_bulk_get: function* (dev: number, num: number, a: number): KGen<number> { return yield* bulk_get_c(dev, num, a, false); },
  devm_regulator_bulk_get: function* (dev: number, num: number, a: number): KGen<number> { return yield* bulk_get_c(dev, num, a, true); },
  regulator_bulk_enable: function* (num: number, a: number): KGen<number> { return yield* bulk_op_c(num, a, core.regulator_bulk_enable); },
  regulator_bulk_disable: function* (num: number, a: number): KGen<number> { return yield* bulk_op_c(num, a, core.regulator_bulk_disable); },
  regulator_bulk_free: (num: number, a: number) => {
    for (let i = 0; a && i < num && i < 64; i++) {
      const v = regulator_bulk_data_view(a + i * struct_regulator_bulk_data.SIZE);
      put_c(v.consumer);
      v.consumer = 0;
    }
  },
}, true);
