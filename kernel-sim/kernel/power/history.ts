// Models what pm-graph (sleepgraph, bootgraph) reads from ftrace: the power and rpm tracepoints of this boot kept as typed history (each device's runtime status changes, every system sleep's phases and device callbacks), for the Power view.
import type { TraceEvent } from '../../api/protocol.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../state.ts';
import { trace_subscribe } from '../trace/trace.ts';

/** A device's runtime PM status from time t (virtual ns). */
export interface rpm_change { t: number; dev: string; status: string }
/** One system sleep callback of one device: its phase (dpm's callback name), start and end (virtual ns) and result. */
export interface dpm_callback { dev: string; driver: string; phase: string; start: number; end: number; error: number }
/** One step of a transition (suspend_resume markers: dpm_suspend, machine_suspend, freeze_processes ...). */
export interface sleep_step { action: string; start: number; end: number }

const MAX_RPM = 4096;
const MAX_TRANSITIONS = 16;

export interface sleep_transition { start: number; end: number; steps: sleep_step[]; callbacks: dpm_callback[] }

const historyState = defineState('power_history', () => ({
  rpm: [] as rpm_change[],
  transitions: [] as sleep_transition[],
  /** Steps and callbacks begun but not yet ended. */
  open_steps: new Map<string, number>(),
  open_cbs: new Map<string, { driver: string; phase: string; start: number }>(),
}));

function current_transition(t: number): sleep_transition {
  const s = historyState();
  let tr = s.transitions[s.transitions.length - 1];
  if (!tr || tr.end >= 0) {
    tr = { start: t, end: -1, steps: [], callbacks: [] };
    s.transitions.push(tr);
    if (s.transitions.length > MAX_TRANSITIONS) s.transitions.shift();
  }
  return tr;
}

/** The trace listener: only the power and rpm events it needs, read by their declared payloads. */
function on_event(e: TraceEvent): void {
  const s = historyState();
  const a = (e.args ?? {}) as Record<string, string | number | boolean>;
  if (e.cat === 'rpm' && e.name === 'rpm_status') {
    s.rpm.push({ t: e.ts, dev: String(a.name), status: String(a.status) });
    // The oldest go in batches (power_history shows the last MAX_RPM): one at a time moved the whole window per event.
    if (s.rpm.length >= 2 * MAX_RPM) s.rpm.splice(0, s.rpm.length - MAX_RPM);
    return;
  }
  if (e.cat !== 'power') return;
  if (e.name === 'suspend_resume') {
    const action = String(a.action);
    const tr = current_transition(e.ts);
    if (a.start) {
      s.open_steps.set(action, e.ts);
    } else {
      tr.steps.push({ action, start: s.open_steps.get(action) ?? e.ts, end: e.ts });
      s.open_steps.delete(action);
      // thaw_processes ends every transition (enter_state's last step), also one that failed early.
      if (action === 'thaw_processes') tr.end = e.ts;
    }
  } else if (e.name === 'device_pm_callback_start') {
    s.open_cbs.set(String(a.device), { driver: String(a.driver), phase: String(a.event), start: e.ts });
  } else if (e.name === 'device_pm_callback_end') {
    const o = s.open_cbs.get(String(a.device));
    if (!o) return;
    s.open_cbs.delete(String(a.device));
    current_transition(o.start).callbacks.push({ dev: String(a.device), driver: o.driver, phase: o.phase, start: o.start, end: e.ts, error: Number(a.error) });
  }
}

export function power_history(): { rpm: rpm_change[]; transitions: sleep_transition[] } {
  const s = historyState();
  return { rpm: s.rpm.slice(-MAX_RPM), transitions: s.transitions.map((t) => ({ ...t, steps: t.steps.slice(), callbacks: t.callbacks.slice() })) };
}

function pm_history_init(): number {
  trace_subscribe(on_event, ['power', 'rpm']);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'pm_history_init', pm_history_init, 1_000]];
