// NAPI for C drivers (net/core/dev.c): netif_napi_add_weight, napi_enable/disable, napi_schedule_prep/__napi_schedule, napi_complete_done, and the NET_RX softirq polling with its budget.
//
// The napi_struct's state word is the C one, so the header's inline napi_schedule() and napi_disable_pending()
// see what the kernel sets. A scheduled napi goes on the poll list and raises NET_RX: a softirq at the current
// virtual time that polls each napi with its weight; a poll that uses its whole weight is polled again, and what
// the netdev_budget leaves for later runs a jiffy later (Linux hands it to ksoftirqd).
import { napi_struct_view } from '../../toolchain/layouts/views.generated.ts';
import { hrtimer_create, hrtimer_start, ktime_get } from '../time/timekeeping.ts';
import { net_rx_poll } from '../../net/core/napi.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { defineState } from '../state.ts';
import { EXPORT_KAPI } from './registry.ts';

const NAPI_STATE_SCHED = 0, NAPI_STATE_MISSED = 1, NAPI_STATE_DISABLE = 2, NAPI_STATE_NPSVC = 3, NAPI_STATE_LISTED = 4;
const NAPI_STATE_IN_BUSY_POLL = 6, NAPI_STATE_PREFER_BUSY_POLL = 7, NAPI_STATE_SCHED_THREADED = 9;
const F = (bit: number): number => 1 << bit;

interface c_napi { dev: number; poll: number; weight: number; mod: module | null }
interface NapiState {
  napis: Map<number, c_napi>;
  /** softnet_data.poll_list */
  poll_list: number[];
  /** NET_RX is raised (a softirq run is due). */
  raised: boolean;
}
const st = defineState<NapiState>('kapi-napi', () => ({ napis: new Map(), poll_list: [], raised: false }));

const state = (n: number): number => napi_struct_view(n).state;
const set_state = (n: number, v: number): void => { napi_struct_view(n).state = v >>> 0; };

/** raise_softirq(NET_RX_SOFTIRQ) at `delay` ns from now. */
function raise_net_rx(delay = 0): void {
  const s = st();
  if (s.raised) return;
  s.raised = true;
  hrtimer_start(hrtimer_create('net_rx_action', net_rx_action), ktime_get() + delay);
}

/** napi_poll(): one poll with the napi's weight; a poll that used it all stays on the list (unless disabling). */
function napi_poll(n: number, repoll: number[]): number {
  const c = st().napis.get(n);
  if (!c) return 0;
  let work = 0;
  // A fault in the poll was reported; the poll is dead and NET_RX goes on with the others.
  try { if (state(n) & F(NAPI_STATE_SCHED)) work = Number(call_slot_atomic(c.poll, [n, c.weight], 'napi poll', c.mod)) || 0; } catch { return 0; }
  if (work < c.weight) return work;
  if (state(n) & F(NAPI_STATE_DISABLE)) { napi_complete_done(n, 0); return work; }
  repoll.push(n);
  return work;
}

/** net_rx_action(): the NET_RX softirq (its loop is net/core/dev.c's, shared with the built-in drivers' napis). */
function net_rx_action(): void {
  const s = st();
  s.raised = false;
  const again = net_rx_poll(s.poll_list, napi_poll);
  if (again !== null) raise_net_rx(again);
}

function list_del(n: number): void {
  const s = st();
  s.poll_list = s.poll_list.filter((x) => x !== n);
}

/** ____napi_schedule(): on the poll list, NET_RX raised. */
function __napi_schedule(n: number): void {
  const s = st();
  if (!s.napis.has(n)) return;
  if (!s.poll_list.includes(n)) s.poll_list.push(n);
  raise_net_rx();
}

/** napi_schedule_prep(): takes SCHED unless disabling; a napi already scheduled is marked MISSED instead. */
function napi_schedule_prep(n: number): boolean {
  const val = state(n);
  if (val & F(NAPI_STATE_DISABLE)) return false;
  let nv = val | F(NAPI_STATE_SCHED);
  if (val & F(NAPI_STATE_SCHED)) nv |= F(NAPI_STATE_MISSED);
  set_state(n, nv);
  return !(val & F(NAPI_STATE_SCHED));
}

/** napi_complete_done(): SCHED released, or kept and rescheduled when a schedule was MISSED meanwhile. */
function napi_complete_done(n: number, _work_done: number): boolean {
  const val = state(n);
  if (val & (F(NAPI_STATE_NPSVC) | F(NAPI_STATE_IN_BUSY_POLL))) return false;
  list_del(n);
  let nv = val & ~(F(NAPI_STATE_MISSED) | F(NAPI_STATE_SCHED) | F(NAPI_STATE_SCHED_THREADED) | F(NAPI_STATE_PREFER_BUSY_POLL));
  if (val & F(NAPI_STATE_MISSED)) nv |= F(NAPI_STATE_SCHED);
  set_state(n, nv);
  if (val & F(NAPI_STATE_MISSED)) { __napi_schedule(n); return false; }
  return true;
}

/** __netif_napi_del(): off the device and the poll list. */
export function netif_napi_del(n: number): void {
  if (!(state(n) & F(NAPI_STATE_LISTED))) return;
  set_state(n, state(n) & ~F(NAPI_STATE_LISTED));
  list_del(n);
  st().napis.delete(n);
}

/** The napis a device still has (free_netdev deletes them, as Linux walks dev->napi_list). */
export function napis_of(dev: number): number[] {
  return [...st().napis].filter(([, c]) => c.dev === dev).map(([n]) => n);
}

export const ksymtab = EXPORT_KAPI({
  /** netif_napi_add_weight(): the napi starts disabled (SCHED and NPSVC held) until napi_enable. */
  netif_napi_add_weight: (dev: number, n: number, poll: number, weight: number) => {
    if (state(n) & F(NAPI_STATE_LISTED)) return;
    const v = napi_struct_view(n);
    for (const l of [v.poll_list, v.rx_list]) { l.next = l.addr; l.prev = l.addr; }
    v.skb = 0; v.rx_count = 0; v.poll = poll; v.weight = weight; v.dev = dev;
    set_state(n, state(n) | F(NAPI_STATE_SCHED) | F(NAPI_STATE_NPSVC) | F(NAPI_STATE_LISTED));
    st().napis.set(n, { dev, poll, weight, mod: calling_module() });
  },
  napi_enable: (n: number) => { set_state(n, state(n) & ~(F(NAPI_STATE_SCHED) | F(NAPI_STATE_NPSVC))); },
  /** napi_disable(): a pending poll is dropped and SCHED/NPSVC taken, so nothing schedules it until napi_enable. */
  napi_disable: (n: number) => {
    list_del(n);
    set_state(n, (state(n) | F(NAPI_STATE_SCHED) | F(NAPI_STATE_NPSVC)) & ~F(NAPI_STATE_DISABLE));
  },
  __netif_napi_del: netif_napi_del,
  synchronize_net: () => { /* no RCU readers outlive a call here */ },
  napi_schedule_prep: (n: number) => (napi_schedule_prep(n) ? 1 : 0),
  __napi_schedule,
  __napi_schedule_irqoff: __napi_schedule,
  napi_complete_done: (n: number, work: number) => (napi_complete_done(n, work) ? 1 : 0),
});
