// Models linux/kernel/notifier.c for modules: atomic and raw notifier chains kept in the C heads and blocks themselves, and kernel/panic.c's panic_notifier_list.
//
// A chain is the C list head -> notifier_block.next -> ..., sorted by descending priority (equal priorities keep
// registration order), exactly as notifier_chain_register builds it, so C code walking the list sees Linux's list.
import { EEXIST, ENOENT, EBUSY } from '../../include/uapi/asm-generic/errno.ts';
import { kread_u32, kread_i32, kwrite_u32, kwrite_bytes, kwrite_u8, ksymbol, ksymbol_lookup } from '../../mm/kmem.ts';
import { set_panic_notifier_walker } from '../panic.ts';
import { sizeOf } from '../../toolchain/layouts/access.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { printk, KERN_WARNING } from '../printk/printk.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';

/** struct notifier_block on wasm32: notifier_call, next, priority. */
const NB = { call: 0, next: 4, priority: 8 } as const;
export const NOTIFY_DONE = 0, NOTIFY_OK = 1, NOTIFY_STOP_MASK = 0x8000;

/** The address of a chain's head pointer: after the spinlock in an atomic head, first in a raw one. */
const atomic_head = (nh: number): number => nh + sizeOf('spinlock');

function notifier_chain_register(head: number, n: number, unique_priority: boolean): number {
  let link = head;
  const prio = kread_i32(n + NB.priority);
  while (kread_u32(link)) {
    const cur = kread_u32(link);
    if (cur === n) {
      printk(`${KERN_WARNING}notifier callback ${n.toString(16)} already registered`);
      return -EEXIST;
    }
    if (prio > kread_i32(cur + NB.priority)) break;
    if (unique_priority && prio === kread_i32(cur + NB.priority)) return -EBUSY;
    link = cur + NB.next;
  }
  kwrite_u32(n + NB.next, kread_u32(link));
  kwrite_u32(link, n);
  return 0;
}

function notifier_chain_unregister(head: number, n: number): number {
  for (let link = head; kread_u32(link); link = kread_u32(link) + NB.next) {
    if (kread_u32(link) === n) { kwrite_u32(link, kread_u32(n + NB.next)); return 0; }
  }
  return -ENOENT;
}

/** notifier_call_chain: each callback in turn (nr_to_call of them, -1 for all) until one sets NOTIFY_STOP_MASK. */
function notifier_call_chain(head: number, val: number, v: number, nr_to_call = -1): { ret: number; nr_calls: number } {
  let ret = NOTIFY_DONE, nr_calls = 0;
  for (let nb = kread_u32(head); nb && nr_to_call; nr_to_call--) {
    // The next block is read first: a callback may unregister itself.
    const next = kread_u32(nb + NB.next);
    ret = call_slot_atomic(kread_u32(nb + NB.call), [nb, val, v], 'notifier_call') as number;
    nr_calls++;
    if (ret & NOTIFY_STOP_MASK) break;
    nb = next;
  }
  return { ret, nr_calls };
}

/** raw_notifier_call_chain_robust: on a veto, the blocks already told are told val_down. */
function call_chain_robust(head: number, up: number, down: number, v: number): number {
  const r = notifier_call_chain(head, up, v);
  if (r.ret & NOTIFY_STOP_MASK) notifier_call_chain(head, down, v, r.nr_calls - 1);
  return r.ret;
}

/** panic() calls this chain with the panic message; the kernel's own panic path reaches it through panic_notifier_call_chain. */
const panic_notifier_list = (): number => ksymbol('panic_notifier_list', sizeOf('spinlock') + 4);

export function panic_notifier_call_chain(buf: number): number {
  return notifier_call_chain(atomic_head(panic_notifier_list()), 0, buf).ret;
}

// panic() walks the chain with its message in panic.c's static buf[1024]; until a module has referenced the list
// (ksymbol made it), nobody can be on it.
set_panic_notifier_walker((msg) => {
  const head = ksymbol_lookup('panic_notifier_list');
  if (head === undefined) return;
  const buf = ksymbol('panic_buf', 1024);
  const text = new TextEncoder().encode(msg).subarray(0, 1023); // vsnprintf truncates into buf[1024]
  kwrite_bytes(buf, text);
  kwrite_u8(buf + text.length, 0);
  panic_notifier_call_chain(buf);
});

export const ksymtab = [
  EXPORT_KDATA('panic_notifier_list', panic_notifier_list),
  ...EXPORT_KAPI({
    atomic_notifier_chain_register: (nh: number, n: number) => notifier_chain_register(atomic_head(nh), n, false),
    atomic_notifier_chain_register_unique_prio: (nh: number, n: number) => notifier_chain_register(atomic_head(nh), n, true),
    atomic_notifier_chain_unregister: (nh: number, n: number) => notifier_chain_unregister(atomic_head(nh), n),
    atomic_notifier_call_chain: (nh: number, val: number, v: number) => notifier_call_chain(atomic_head(nh), val, v).ret,
    raw_notifier_chain_register: (nh: number, n: number) => notifier_chain_register(nh, n, false),
    raw_notifier_chain_unregister: (nh: number, n: number) => notifier_chain_unregister(nh, n),
    raw_notifier_call_chain: (nh: number, val: number, v: number) => notifier_call_chain(nh, val, v).ret,
    raw_notifier_call_chain_robust: (nh: number, up: number, down: number, v: number) => call_chain_robust(nh, up, down, v),
    // No crash kernel is ever loaded (the workbench boots without crashkernel=).
    kexec_crash_loaded: () => 0,
  }, true),
];
