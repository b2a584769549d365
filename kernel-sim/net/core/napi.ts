// Models linux/net/core/dev.c's NAPI for the built-in (TypeScript) drivers: netif_napi_add_weight, napi_enable/disable, napi_schedule_prep/__napi_schedule, napi_complete_done and the NET_RX softirq polling each scheduled napi with its weight under netdev_budget.
//
// C drivers have their own napi_struct in kernel memory (kernel/kapi/napi.ts); these are the same rules on a
// TypeScript object. A driver's interrupt schedules its napi; the softirq runs at the current virtual time (as
// Linux runs it on the interrupt's exit) and polls; what the budget leaves for later runs a jiffy later (ksoftirqd).
import type { net_device } from '../../include/linux/netdevice.ts';
import { hrtimer_create, hrtimer_start, ktime_get, TICK_NSEC } from '../../kernel/time/timekeeping.ts';
import { preempt_disable, preempt_enable } from '../../kernel/sched/core.ts';
import { defineState } from '../../kernel/state.ts';

/** NAPI_POLL_WEIGHT: the default weight of a napi. */
export const NAPI_POLL_WEIGHT = 64;
/** netdev_budget: packets one NET_RX run may take from all napis. */
const NETDEV_BUDGET = 300;

/** struct napi_struct: the state bits NAPI_STATE_SCHED, MISSED, DISABLE and NPSVC as booleans. */
export interface napi_struct {
  dev: net_device;
  /** Returns the work done, at most `budget`; below it the poll called napi_complete_done. */
  poll: (napi: napi_struct, budget: number) => number;
  weight: number;
  sched: boolean;
  missed: boolean;
  disable: boolean;
  npsvc: boolean;
  listed: boolean;
  /** Polls run (for tests and the UI). */
  polls: number;
}

/** softnet_data: the poll list and whether NET_RX is raised. */
const st = defineState('napi', () => ({ poll_list: [] as napi_struct[], raised: false }));

/** netif_napi_add_weight(): the napi starts disabled (SCHED and NPSVC held) until napi_enable. */
export function netif_napi_add_weight(dev: net_device, poll: napi_struct['poll'], weight: number): napi_struct {
  return { dev, poll, weight, sched: true, missed: false, disable: false, npsvc: true, listed: true, polls: 0 };
}

export function napi_enable(n: napi_struct): void { n.sched = false; n.npsvc = false; }

/** napi_disable(): waits out a scheduled poll (here: takes it off the list) and holds SCHED until napi_enable. */
export function napi_disable(n: napi_struct): void {
  list_del(n);
  n.sched = true; n.npsvc = true; n.disable = false; n.missed = false;
}

/** __netif_napi_del(): gone from the device and the poll list. */
export function netif_napi_del(n: napi_struct): void {
  n.listed = false;
  list_del(n);
}

function list_del(n: napi_struct): void {
  const s = st();
  const i = s.poll_list.indexOf(n);
  if (i >= 0) s.poll_list.splice(i, 1);
}

/** raise_softirq(NET_RX_SOFTIRQ) `delay` ns from now. */
function raise_net_rx(delay = 0): void {
  const s = st();
  if (s.raised) return;
  s.raised = true;
  hrtimer_start(hrtimer_create('net_rx_action', net_rx_action), ktime_get() + delay);
}

/** napi_schedule_prep(): takes SCHED unless disabling; an already scheduled napi is marked MISSED instead. */
export function napi_schedule_prep(n: napi_struct): boolean {
  if (n.disable) return false;
  if (n.sched) { n.missed = true; return false; }
  n.sched = true;
  return true;
}

/** ____napi_schedule(): on the poll list, NET_RX raised. */
export function __napi_schedule(n: napi_struct): void {
  if (!n.listed) return;
  const s = st();
  if (!s.poll_list.includes(n)) s.poll_list.push(n);
  raise_net_rx();
}

export function napi_schedule(n: napi_struct): void {
  if (napi_schedule_prep(n)) __napi_schedule(n);
}

/** napi_complete_done(): SCHED released (false while busy-polled), or kept and rescheduled when a schedule was MISSED. */
export function napi_complete_done(n: napi_struct, _work_done: number): boolean {
  if (n.npsvc) return false;
  list_del(n);
  if (n.missed) { n.missed = false; __napi_schedule(n); return false; }
  n.sched = false;
  return true;
}

/** napi_poll(): one poll with the napi's weight; one that used it all stays on the list. */
function napi_poll(n: napi_struct, repoll: napi_struct[]): number {
  if (!n.sched) return 0;
  n.polls++;
  const work = n.poll(n, n.weight);
  if (work < n.weight) return work;
  if (n.disable) { napi_complete_done(n, 0); return work; }
  repoll.push(n);
  return work;
}

/**
 * net_rx_action()'s loop, for these napis and C drivers' (kernel/kapi/napi.ts): polls `list` in atomic context
 * until it is empty or netdev_budget is spent, napis that used their weight going to the back; returns when NET_RX
 * must run again (now, or a jiffy later once the budget ran out: ksoftirqd), or null.
 */
export function net_rx_poll<T>(list: T[], poll: (n: T, repoll: T[]) => number): number | null {
  let budget = NETDEV_BUDGET;
  const repoll: T[] = [];
  preempt_disable();
  try {
    while (list.length && budget > 0) budget -= poll(list.shift()!, repoll);
  } finally { preempt_enable(); }
  for (const n of repoll) if (!list.includes(n)) list.push(n);
  return list.length ? (budget > 0 ? 0 : TICK_NSEC) : null;
}

/** net_rx_action(): the NET_RX softirq. */
function net_rx_action(): void {
  const s = st();
  s.raised = false;
  const again = net_rx_poll(s.poll_list, napi_poll);
  if (again !== null) raise_net_rx(again);
}
