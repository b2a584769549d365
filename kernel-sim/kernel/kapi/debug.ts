// The checks instrumented modules call: KASAN's access check (mm/kasan/generic.c) and the soft-lockup watchdog tick (kernel/watchdog.c).
import { kasan_first_bad, KMEM_NULL_GUARD, KMEM_SIZE, kasan_shadow, KASAN_STACK_GUARD, ksymbol, kwrite_u32 } from '../../mm/kmem.ts';
import { kasan_classify, kasan_report } from '../../mm/kasan_report.ts';
import { ModuleFault, die } from '../module/faults.ts';
import { watchdog_tick } from '../module/runtime.ts';
import { current } from '../sched/core.ts';
import { add_taint, TAINT_SOFTLOCKUP } from '../panic.ts';
import { account_ns, NSEC_PER_SEC } from '../time/timekeeping.ts';
import { EXPORT_KAPI } from './registry.ts';

const hex16 = (a: number): string => (a >>> 0).toString(16).padStart(16, '0');

function asan_check(addr: number, size: number, write: number): void {
  const bad = kasan_first_bad(addr >>> 0, size);
  if (bad < 0) return;
  const access = write ? 'write' : 'read';
  if (bad < KMEM_NULL_GUARD) {
    throw new ModuleFault('null', 'NULL pointer dereference', [`#PF: supervisor ${access} access in kernel mode`], bad);
  }
  if (kasan_shadow(bad) === KASAN_STACK_GUARD) {
    throw die(['BUG: TASK stack guard page was hit at ' + hex16(bad)], 'kernel stack overflow (double-fault): 0000 [#N] PREEMPT SMP NOPTI', new Error('stack guard'));
  }
  const [kind, obj] = kasan_classify(bad);
  kasan_report(kind, addr >>> 0, size, write ? 'Write' : 'Read', new Error('kasan'), obj);
}

function soft_lockup(): void {
  const t = current();
  account_ns(22 * NSEC_PER_SEC);
  add_taint(TAINT_SOFTLOCKUP);
  throw die([`watchdog: BUG: soft lockup - CPU#${t.cpu} stuck for 22s! [${t.comm}:${t.pid}]`], '', new Error('soft lockup'));
}

export const ksymtab = EXPORT_KAPI({
  __asan_check: asan_check,
  log_execution: () => { if (watchdog_tick()) soft_lockup(); },
  segfault: () => { throw new ModuleFault('null', 'NULL pointer dereference', ['#PF: supervisor read access in kernel mode'], 0); },
  alignfault: () => undefined,
  emscripten_get_sbrk_ptr: () => ksymbol('__kwb_sbrk', 4, (a) => kwrite_u32(a, KMEM_SIZE)),
});
