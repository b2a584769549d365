// Models linux/kernel/irq/irqdesc.c and include/linux/irq.h, irqdesc.h, interrupt.h: interrupt descriptors, chips, actions and their per-CPU statistics.
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { defineState } from '../state.ts';
import { wait_queue_head } from '../sched/wait.ts';

/** irqreturn_t. */
export const IRQ_NONE = 0;
export const IRQ_HANDLED = 1;
export const IRQ_WAKE_THREAD = 2;
export type irqreturn_t = number;

/** request_irq() flags (include/linux/interrupt.h). */
export const IRQF_TRIGGER_NONE = 0x0, IRQF_TRIGGER_RISING = 0x1, IRQF_TRIGGER_FALLING = 0x2, IRQF_TRIGGER_HIGH = 0x4, IRQF_TRIGGER_LOW = 0x8;
export const IRQF_TRIGGER_MASK = 0xf;
export const IRQF_SHARED = 0x80;
export const IRQF_PROBE_SHARED = 0x100;
export const IRQF_TIMER = 0x200;
export const IRQF_PERCPU = 0x400;
export const IRQF_NOBALANCING = 0x800;
export const IRQF_IRQPOLL = 0x1000;
export const IRQF_ONESHOT = 0x2000;
export const IRQF_NO_SUSPEND = 0x4000;
export const IRQF_FORCE_RESUME = 0x8000;
export const IRQF_NO_THREAD = 0x10000;
export const IRQF_EARLY_RESUME = 0x20000;
export const IRQF_COND_SUSPEND = 0x40000;
export const IRQF_NO_AUTOEN = 0x80000;

export type irq_handler_t = (irq: number, dev_id: unknown) => irqreturn_t;
export type irq_thread_fn_t = (irq: number, dev_id: unknown) => irqreturn_t | KGen<irqreturn_t>;

export interface irq_chip {
  name: string;
  irq_startup?(d: irq_data): void;
  irq_shutdown?(d: irq_data): void;
  irq_mask?(d: irq_data): void;
  irq_unmask?(d: irq_data): void;
  irq_ack?(d: irq_data): void;
  irq_eoi?(d: irq_data): void;
  /** Re-sends an interrupt that arrived while the line was disabled (irq_retrigger). */
  irq_retrigger?(d: irq_data): boolean;
  /** Sets the trigger (IRQ_TYPE_EDGE_RISING ...) that request_irq's IRQF_TRIGGER_* flags ask for (__irq_set_trigger); 0 or -errno. */
  irq_set_type?(d: irq_data, flow_type: number): number;
}

export interface irq_data {
  irq: number;
  hwirq: number;
  chip: irq_chip | null;
  chip_data: unknown;
  /** Whether the hwirq column is printed (the irq belongs to an irq domain). */
  has_domain: boolean;
  /** Level-triggered line (IRQD_LEVEL). */
  level: boolean;
  /** CPUs the irq may go to (bit mask) and the one it is routed to. */
  affinity: number;
  effective_cpu: number;
  masked: boolean;
}

export interface irqaction {
  handler: irq_handler_t;
  thread_fn: irq_thread_fn_t | null;
  dev_id: unknown;
  name: string;
  flags: number;
  irq: number;
  thread: task_struct | null;
  /** IRQTF_RUNTHREAD: the hard handler asked for the thread. */
  run_thread: boolean;
  stop_thread: boolean;
  thread_wait: wait_queue_head;
  /** Which module or driver the handler belongs to, for "handlers:" in reports. */
  owner: string | null;
}

/** Internal state (kernel/irq/internals.h istate). */
export const IRQS_AUTODETECT = 0x1, IRQS_SPURIOUS_DISABLED = 0x2, IRQS_POLL_INPROGRESS = 0x8, IRQS_ONESHOT = 0x20, IRQS_REPLAY = 0x40, IRQS_WAITING = 0x80, IRQS_PENDING = 0x200;

export type flow_handler = (desc: irq_desc) => void;

export interface irq_desc {
  irq_data: irq_data;
  handle_irq: flow_handler | null;
  /** Flow name shown in /proc/interrupts ("edge", "fasteoi"). */
  name: string | null;
  action: irqaction[];
  /** Nested disable_irq count (1 when no handler is installed). */
  depth: number;
  istate: number;
  in_progress: boolean;
  kstat_irqs: number[];
  tot_count: number;
  irq_count: number;
  last_unhandled: number;
  irqs_unhandled: number;
  threads_oneshot: number;
  threads_active: number;
  wait_for_threads: wait_queue_head;
  /** Requestable (IRQ_NOREQUEST clear). */
  requestable: boolean;
  /** /proc/irq/N entries. */
  dir: unknown;
  action_dirs: Map<irqaction, unknown>;
}

interface IrqState {
  descs: Map<number, irq_desc>;
  nr_irqs: number;
  /** First irq number free for dynamic allocation (after the I/O APIC's GSIs). */
  first_dynamic: number;
  nr_cpus: number;
  noirqdebug: boolean;
  irqfixup: number;
  /** Per-CPU architecture counters (x86 LOC, RES, CAL ...). */
  arch: Map<string, number[]>;
  irq_err_count: number;
  irq_mis_count: number;
  /** Allocation hooks (procfs registers /proc/irq/N here). */
  on_alloc: ((desc: irq_desc) => void)[];
  on_free: ((desc: irq_desc) => void)[];
}

export const irqState = defineState<IrqState>('irq', () => ({
  descs: new Map(), nr_irqs: 440, first_dynamic: 24, nr_cpus: 2, noirqdebug: false, irqfixup: 0,
  arch: new Map(), irq_err_count: 0, irq_mis_count: 0, on_alloc: [], on_free: [],
}));

export function irq_to_desc(irq: number): irq_desc | null {
  return irqState().descs.get(irq) ?? null;
}

export function irq_get_irq_data(irq: number): irq_data | null {
  return irq_to_desc(irq)?.irq_data ?? null;
}

function new_desc(irq: number): irq_desc {
  const st = irqState();
  return {
    irq_data: { irq, hwirq: irq, chip: null, chip_data: null, has_domain: false, level: false, affinity: (1 << st.nr_cpus) - 1, effective_cpu: 0, masked: true },
    handle_irq: null, name: null, action: [], depth: 1, istate: 0, in_progress: false,
    kstat_irqs: new Array<number>(st.nr_cpus).fill(0), tot_count: 0, irq_count: 0, last_unhandled: 0, irqs_unhandled: 0,
    threads_oneshot: 0, threads_active: 0, wait_for_threads: new wait_queue_head(), requestable: true, dir: null, action_dirs: new Map(),
  };
}

export function irq_desc_hooks(on_alloc: (d: irq_desc) => void, on_free: (d: irq_desc) => void): void {
  irqState().on_alloc.push(on_alloc);
  irqState().on_free.push(on_free);
}

/** early_irq_init(): the descriptors of the legacy IRQs (preallocated irqs: 16). */
export function early_irq_init(nr_cpus: number): void {
  const st = irqState();
  st.nr_cpus = nr_cpus;
  st.descs.clear();
  for (let i = 0; i < 16; i++) irq_insert_desc(i, new_desc(i));
}

function irq_insert_desc(irq: number, desc: irq_desc): void {
  irqState().descs.set(irq, desc);
  for (const h of irqState().on_alloc) h(desc);
}

/** irq_alloc_descs(irq, from, cnt): `cnt` consecutive descriptors at `irq` or the first free range at or after `from`. */
export function irq_alloc_descs(irq: number, from: number, cnt: number): number {
  const st = irqState();
  let start = irq >= 0 ? irq : Math.max(from, st.first_dynamic);
  const free = (s: number) => { for (let i = s; i < s + cnt; i++) if (st.descs.has(i)) return false; return true; };
  if (irq >= 0) { if (!free(irq)) return -17; }
  else while (!free(start)) start++;
  if (start + cnt > st.nr_irqs) return -28;
  for (let i = start; i < start + cnt; i++) irq_insert_desc(i, new_desc(i));
  return start;
}

/** irq_free_descs(). */
export function irq_free_descs(from: number, cnt: number): void {
  const st = irqState();
  for (let i = from; i < from + cnt; i++) {
    const d = st.descs.get(i);
    if (!d) continue;
    for (const h of st.on_free) h(d);
    st.descs.delete(i);
  }
}

/** kstat_irqs_cpu(). */
export function kstat_irqs_cpu(irq: number, cpu: number): number {
  return irq_to_desc(irq)?.kstat_irqs[cpu] ?? 0;
}

/** irq_set_chip_and_handler_name(). */
export function irq_set_chip_and_handler_name(irq: number, chip: irq_chip, handle: flow_handler, name: string): void {
  const d = irq_to_desc(irq);
  if (!d) return;
  d.irq_data.chip = chip;
  d.handle_irq = handle;
  d.name = name;
}

/** An x86 architecture counter (LOC, RES ...) bumped on a CPU. */
export function arch_irq_stat_inc(name: string, cpu: number, n = 1): void {
  const st = irqState();
  let a = st.arch.get(name);
  if (!a) { a = new Array<number>(st.nr_cpus).fill(0); st.arch.set(name, a); }
  a[cpu] = (a[cpu] ?? 0) + n;
}

/** mask_irq / unmask_irq of kernel/irq/chip.c: the line masked or unmasked at its chip, once. */
export function mask_irq(desc: irq_desc): void {
  if (desc.irq_data.masked) return;
  desc.irq_data.chip?.irq_mask?.(desc.irq_data);
  desc.irq_data.masked = true;
}

export function unmask_irq(desc: irq_desc): void {
  if (!desc.irq_data.masked) return;
  desc.irq_data.masked = false;
  desc.irq_data.chip?.irq_unmask?.(desc.irq_data);
}
