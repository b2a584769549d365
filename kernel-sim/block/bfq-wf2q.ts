// Models linux/block/bfq-wf2q.c: B-WF2Q+ — each queue an entity with a weight, a budget and virtual start/finish times on a service tree per I/O class; the next entity is the eligible one (start <= virtual time) with the smallest finish, and the virtual time advances by service / total active weight.
/** A scheduled entity (struct bfq_entity): times are in virtual sectors per unit of weight. */
export interface bfq_entity {
  weight: number;
  /** Sectors the entity may receive in this service slot, and those it has received. */
  budget: number;
  service: number;
  start: number;
  finish: number;
  /** On the service tree (backlogged or in service). */
  on_st: boolean;
}

/** struct bfq_service_tree: the active entities of one class and its virtual time. */
export interface bfq_service_tree {
  active: Set<bfq_entity>;
  vtime: number;
  wsum: number;
}

export const new_service_tree = (): bfq_service_tree => ({ active: new Set(), vtime: 0, wsum: 0 });

/** bfq_delta: the virtual time `service` sectors take at `weight`. */
const bfq_delta = (service: number, weight: number): number => service / weight;

/** bfq_calc_finish: F = S + budget / weight. */
export function bfq_calc_finish(e: bfq_entity, service: number): void {
  e.finish = e.start + bfq_delta(service, e.weight);
}

/**
 * __bfq_activate_entity: an idle entity starts at the tree's virtual time (it cannot claim service it missed);
 * one coming back from service starts where its last finish was, so what it used counts against it.
 */
export function bfq_activate_entity(st: bfq_service_tree, e: bfq_entity): void {
  if (!e.on_st) {
    e.start = Math.max(e.finish, st.vtime);
    st.active.add(e);
    st.wsum += e.weight;
    e.on_st = true;
  }
  bfq_calc_finish(e, e.budget);
}

/** __bfq_deactivate_entity: off the tree; its finish stays for when it comes back. */
export function bfq_deactivate_entity(st: bfq_service_tree, e: bfq_entity): void {
  if (!e.on_st) return;
  st.active.delete(e);
  st.wsum -= e.weight;
  e.on_st = false;
}

/** bfq_bfqq_served: the virtual time moves on by service over the active weight. */
export function bfq_served(st: bfq_service_tree, e: bfq_entity, served: number): void {
  e.service += served;
  if (st.wsum > 0) st.vtime += bfq_delta(served, st.wsum);
}

/**
 * bfq_first_active_entity / bfq_lookup_next_entity: the eligible entity with the smallest finish; with none eligible
 * the virtual time jumps to the smallest start (bfq_update_vtime).
 */
export function bfq_lookup_next_entity(st: bfq_service_tree): bfq_entity | null {
  if (!st.active.size) return null;
  let min_start = Infinity;
  for (const e of st.active) min_start = Math.min(min_start, e.start);
  if (min_start > st.vtime) st.vtime = min_start;
  let best: bfq_entity | null = null;
  for (const e of st.active) {
    if (e.start <= st.vtime && (!best || e.finish < best.finish)) best = e;
  }
  return best;
}

/** After a slot ends: the finish reflects what was really served, and a backlogged entity starts its next slot there. */
export function bfq_entity_expire(st: bfq_service_tree, e: bfq_entity, backlogged: boolean): void {
  bfq_calc_finish(e, e.service);
  e.service = 0;
  if (backlogged) {
    e.start = e.finish;
    bfq_calc_finish(e, e.budget);
  } else {
    bfq_deactivate_entity(st, e);
  }
}
