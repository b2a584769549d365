// Models linux/kernel/jump_label.c for modules without code patching: a static key's `enabled` count, which the branch macros read.
import { kread_i32, kwrite_i32 } from '../../mm/kmem.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct static_key's first member is atomic_t enabled (resources/include/linux/jump_label.h). */
const set = (key: number, v: number): void => { kwrite_i32(key, v); };

export const ksymtab = EXPORT_KAPI({
  static_key_enable: (key: number) => { set(key, 1); },
  static_key_disable: (key: number) => { set(key, 0); },
  static_key_slow_inc: (key: number) => { set(key, kread_i32(key) + 1); },
  // A key already at 0 stays there: Linux WARNs on the underflow and leaves the key disabled.
  static_key_slow_dec: (key: number) => { set(key, Math.max(0, kread_i32(key) - 1)); },
});
