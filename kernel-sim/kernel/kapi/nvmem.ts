// NVMEM providers written in C (drivers/nvmem/core.c's nvmem_register/devm_nvmem_register/nvmem_unregister, EXPORT_SYMBOL_GPL): a C struct nvmem_config read into the core's, its reg_read/reg_write called through a bounce buffer in kernel memory.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { devres_add, devres_alloc } from '../../drivers/base/devres.ts';
import { run_sync } from '../../drivers/base/sync.ts';
import { nvmem_register, nvmem_unregister, type nvmem_config, type nvmem_device } from '../../drivers/nvmem/core.ts';
import { kread_cstr, kbytes, kwrite_bytes } from '../../mm/kmem.ts';
import { kfree, kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { nvmem_config_view } from '../../toolchain/layouts/views.generated.ts';
import { call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { defineState } from '../state.ts';
import { c_device, ERR_PTR } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct nvmem_device * handles, opaque to C. */
interface NvmemKapiState { by_handle: Map<number, nvmem_device> }
const st = defineState<NvmemKapiState>('kapi-nvmem', () => ({ by_handle: new Map() }));

/** A C reg_read/reg_write(priv, offset, val, bytes) over a kmalloc'd bounce buffer: `into` copies it back after a read. */
function c_reg_op(fn: number, priv: number, mod: module | null, read: boolean) {
  return function* (_priv: unknown, offset: number, buf: Uint8Array): KGen<number> {
    const b = kmalloc(Math.max(buf.length, 1), 0);
    if (!b) return -ENOMEM;
    if (!read) kwrite_bytes(b, buf);
    const r = (yield* call_slot(fn, [priv, offset >>> 0, b, buf.length], read ? 'reg_read' : 'reg_write', mod)) as number;
    if (read && r >= 0) buf.set(kbytes().subarray(b, b + buf.length));
    kfree(b);
    return r;
  };
}

/** nvmem_register() from C: the config read as 6.1 lays it out; the handle or -errno. */
function* register(cfg: number): KGen<number> {
  if (!cfg) return -EINVAL;
  const v = nvmem_config_view(cfg);
  const dev = c_device(v.dev);
  if (!dev) return -EINVAL;
  const mod = calling_module();
  const config: nvmem_config = {
    dev, name: v.name ? kread_cstr(v.name, 64) : null, id: v.id, type: v.type, read_only: v.read_only, root_only: v.root_only,
    compat: v.compat, base_dev: v.base_dev ? c_device(v.base_dev) : null, size: v.size, word_size: v.word_size, stride: v.stride, priv: v.priv,
    ...(v.reg_read ? { reg_read: c_reg_op(v.reg_read, v.priv, mod, true) } : {}),
    ...(v.reg_write ? { reg_write: c_reg_op(v.reg_write, v.priv, mod, false) } : {}),
  };
  const nvmem = yield* nvmem_register(config);
  if (typeof nvmem === 'number') return nvmem;
  const h = kmalloc(8, __GFP_ZERO);
  if (!h) { yield* nvmem_unregister(nvmem); return -ENOMEM; }
  disown(h);
  st().by_handle.set(h, nvmem);
  return h;
}

function* unregister(h: number): KGen<void> {
  const nvmem = st().by_handle.get(h);
  if (!nvmem) return;
  st().by_handle.delete(h);
  yield* nvmem_unregister(nvmem);
  kfree(h);
}

export const ksymtab = EXPORT_KAPI({
  nvmem_register: function* (cfg: number): KGen<number> {
    const h = yield* register(cfg);
    return h < 0 ? ERR_PTR(h) : h;
  },
  nvmem_unregister: unregister,
  /** devm_nvmem_register(): unregistered when `dev` unbinds (devm_nvmem_unregister). */
  devm_nvmem_register: function* (dev_a: number, cfg: number): KGen<number> {
    const dev = c_device(dev_a);
    if (!dev) return ERR_PTR(-EINVAL);
    const h = yield* register(cfg);
    if (h < 0) return ERR_PTR(h);
    devres_add(dev, devres_alloc(() => run_sync(unregister(h), 'devm_nvmem_unregister'), 4, 'devm_nvmem_unregister', h));
    return h;
  },
}, true);
