// Models linux/include/trace/events/*.h: every tracepoint of the kernel, its subsystem and its typed payload, declared once.
//
// trace_event()/trace_complete() call sites are type-checked against this list
// (an undeclared name or a payload field too many or of the wrong type does
// not compile); tests validate every emitted event with the payload schemas;
// the protocol's trace.tracepoints method hands the list to clients; the
// renderer imports the types through kernel-sim/api/tracepoints.ts.
import { z } from 'zod';
import { bool, int, num, str, tracepoint, tracepoint_family, tracepoint_matches, tracepoint_span, type TracepointDecl } from './tracepoint.ts';

const nstr = str.nullable();

/** The probe path of drivers/base/dd.c: one payload shared by its events (DECLARE_EVENT_CLASS). */
const probe = z.object({
  dev: str, driver: nstr, bus: nstr,
  step: str.optional(), ret: int.optional(), state: str.optional(), duration_ns: num.optional(),
}).strict();

/** include/trace/events/block.h's bio and request payloads (the block_bio and block_rq event classes). */
const blk_bio = z.object({ dev: str, sector: num, nr_sector: int, rwbs: str, comm: str }).strict();
const blk_rq = z.object({ dev: str, sector: num, nr_sector: int, bytes: num, rwbs: str, comm: str, tag: int, hctx: int }).strict();

export const TRACEPOINTS = [
  // include/trace/events/irq.h and the x86 vectors
  tracepoint('irq', 'irq_handler_entry', z.object({ irq: int, name: str }).strict(), 'a handler of the line starts'),
  tracepoint('irq', 'irq_handler_exit', z.object({ irq: int }).strict(), 'the handler returned'),
  tracepoint('irq', 'hw_irq', z.object({ irq: int, at: num, msi: bool }).strict(), 'an interrupt reached the CPU (IO-APIC pin or MSI)'),
  tracepoint('irq', 'hw_irq_line', z.object({ gsi: int, level: int }).strict(), 'a device moved an interrupt line'),
  tracepoint('irq', 'irq_spurious_disabled', z.object({ irq: int, unhandled: int }).strict(), 'note_interrupt disabled a line nobody handles'),
  tracepoint('irq', 'irq_thread_run', z.object({ irq: int, name: str }).strict(), 'a threaded handler runs'),
  tracepoint('irq', 'request_irq', z.object({ irq: int, name: str, flags: int, threaded: bool }).strict(), 'a handler was installed'),
  tracepoint('irq', 'free_irq', z.object({ irq: int, name: str }).strict(), 'a handler was removed'),
  tracepoint('irq', 'irq_history_sample', z.object({ t: num, interval_ns: num, counts: z.record(str, int) }).strict(),
    'interrupt counts per line at a sampling boundary of kernel/irq/history.ts (only when a count changed)'),
  // include/trace/events/syscalls.h: sys_<name> on return, with its arguments and result
  tracepoint_family('syscalls', 'sys_', z.object({ nr: int, ret: num, args: z.array(num) }).strict(), 'a system call returned'),
  // include/trace/events/sched.h
  tracepoint('sched', 'sched_wakeup_new', z.object({ comm: str, pid: int, target_cpu: int }).strict(), 'a new task is runnable'),
  tracepoint('sched', 'sched_migrate_task', z.object({ comm: str, pid: int, orig_cpu: int, dest_cpu: int }).strict(), 'a task moved to another CPU (its CPU went offline)'),
  tracepoint('sched', 'sched_process_fork', z.object({ parent_comm: str, parent_pid: int, child_comm: str, child_pid: int }).strict(), 'fork/clone'),
  tracepoint('sched', 'sched_process_exec', z.object({ filename: str, pid: int, old_pid: int }).strict(), 'execve loaded a new image'),
  tracepoint('sched', 'sched_process_exit', z.object({ comm: str, pid: int, code: int }).strict(), 'a task exited'),
  tracepoint('sched', 'sched_process_hang', z.object({ comm: str, pid: int }).strict(), 'khungtaskd found a task blocked too long'),
  // include/trace/events/signal.h
  tracepoint('signal', 'signal_generate', z.object({ sig: int, pid: int, comm: str }).strict(), 'a signal was sent'),
  tracepoint('signal', 'signal_deliver', z.object({ sig: int, pid: int }).strict(), 'a signal is delivered'),
  tracepoint('signal', 'ptrace_stop', z.object({ pid: int, code: int, kind: str }).strict(), 'a traced task stopped for its tracer'),
  // power, oops, warnings, KASAN
  tracepoint('power', 'kernel_shutdown', z.object({ state: str }).strict(), 'halt, power-off or restart'),
  tracepoint('power', 'panic', z.object({ msg: str }).strict(), 'the kernel panicked'),
  // include/trace/events/power.h: system sleep steps, device PM callbacks, wakeup sources, CPU idle and frequency
  tracepoint('power', 'suspend_resume', z.object({ action: str, val: int, start: bool }).strict(), 'a step of a system suspend or resume began (start) or ended (pm-graph\'s markers)'),
  tracepoint('power', 'device_pm_callback_start', z.object({ device: str, driver: str, parent: str, pm_ops: str, event: str }).strict(), 'a device\'s system sleep callback begins (event: the phase)'),
  tracepoint('power', 'device_pm_callback_end', z.object({ device: str, driver: str, error: int }).strict(), 'a device\'s system sleep callback returned'),
  tracepoint('power', ['wakeup_source_activate', 'wakeup_source_deactivate'], z.object({ name: str, state: int }).strict(), 'a wakeup source became active or relaxed (state: the combined event count)'),
  tracepoint('power', 'cpu_idle', z.object({ state: int, cpu_id: int }).strict(), 'a CPU entered idle state `state` (-1: left idle)'),
  tracepoint('power', 'cpu_frequency', z.object({ state: int, cpu_id: int }).strict(), 'a CPU\'s frequency changed (kHz)'),
  // include/trace/events/rpm.h: the runtime PM core's entry points (the rpm_internal class) and returns
  tracepoint('rpm', ['rpm_suspend', 'rpm_resume', 'rpm_idle', 'rpm_usage'], z.object({
    name: str, flags: int, usage_count: int, disable_depth: int, runtime_auto: bool, request_pending: bool, irq_safe: bool, child_count: int,
  }).strict(), 'rpm_idle/rpm_suspend/rpm_resume entered, or a usage count dropped without idling'),
  tracepoint('rpm', 'rpm_return_int', z.object({ name: str, ip: str, ret: int }).strict(), 'what an rpm_* function returned (ip: the function)'),
  tracepoint('rpm', 'rpm_status', z.object({ name: str, status: str }).strict(), 'a device\'s runtime PM status changed (not in 6.1\'s rpm.h: the Power view\'s timeline needs every change)'),
  tracepoint('oops', 'die', z.object({ pid: int, comm: str, msg: str }).strict(), 'an Oops killed a task'),
  tracepoint('warn', 'warning', z.object({ file: str, line: int, func: str, msg: str }).strict(), 'WARN()'),
  tracepoint('kasan', 'report', z.object({ bug: str, addr: num, size: num, access: str }).strict(), 'a KASAN report'),
  // include/trace/events/printk.h
  tracepoint('printk', 'console', z.object({ level: int, msg: str }).strict(), 'a kernel log line'),
  // include/trace/events/module.h
  tracepoint('module', 'module_load', z.object({ name: str, taints: str }).strict(), 'a module is linked, before its init runs'),
  tracepoint('module', 'module_free', z.object({ name: str }).strict(), 'a module was unloaded'),
  // DMA API
  tracepoint('dma', 'dma_alloc', z.object({ dev: str, dma_addr: num, size: num }).strict(), 'dma_alloc_coherent'),
  tracepoint('dma', 'dma_map', z.object({ dev: str, dma_addr: num, size: num, dir: str }).strict(), 'dma_map_single/page'),
  tracepoint('dma', 'dma_fault', z.object({ device: str, addr: num, len: num, dir: str }).strict(), 'the IOMMU refused a device access'),
  // init/main.c: boot phases and initcalls (spans), and the boot's milestones
  tracepoint_span('boot', 'a phase of start_kernel', z.object({}).strict(), 'start_kernel\'s phases, timed'),
  tracepoint('boot', ['startup_64', 'run_init_process'], z.object({}).strict(), 'milestones of the boot'),
  tracepoint_span('initcall', 'the initcall function', z.object({ level: str, ret: int }).strict(), 'one initcall, timed (initcall_debug)'),
  tracepoint_span('initcall_level', 'the initcall level', z.object({}).strict(), 'all initcalls of one level, timed'),
  // fs
  tracepoint('fs', 'mount', z.object({ source: str, type: str, target: str }).strict(), 'a filesystem was mounted'),
  tracepoint('fs', 'create', z.object({ name: str }).strict(), 'open(O_CREAT) created a file'),
  // include/trace/events/filemap.h and writeback.h: the page cache and its writeback
  tracepoint('filemap', ['mm_filemap_add_to_page_cache', 'mm_filemap_delete_from_page_cache'], z.object({ dev: str, ino: num, index: num }).strict(), 'a file page entered or left the page cache'),
  tracepoint('writeback', 'writeback_dirty_folio', z.object({ dev: str, ino: num, index: num }).strict(), 'a cached page became dirty'),
  tracepoint('writeback', 'wbc_writepage', z.object({ dev: str, ino: num, index: num, reason: str }).strict(), 'writeback started writing a dirty page'),
  tracepoint('writeback', 'writeback_start', z.object({ reason: str }).strict(), 'a writeback pass starts (sync, periodic, fsync)'),
  tracepoint('writeback', 'writeback_written', z.object({ reason: str, nr_pages: int }).strict(), 'a writeback pass ended, having started nr_pages pages'),
  tracepoint('net', 'netlink_create', z.object({ protocol: int, ino: int }).strict(), 'a netlink socket was created'),
  // the driver model (drivers/base)
  tracepoint('device', 'device_add', z.object({ dev: str, devpath: str, bus: nstr, class: nstr, parent: nstr }).strict(), 'device_add', ['devices']),
  tracepoint('device', 'device_del', z.object({ dev: str, devpath: str }).strict(), 'device_del', ['devices']),
  tracepoint('device', 'device_release', z.object({ dev: str }).strict(), 'the last reference to a device went away'),
  tracepoint('device', ['probe_start', 'probe_end', 'probe_deferred', 'unbind_end'], probe, 'the probe path: start, outcome, deferral, unbind', ['devices']),
  tracepoint('device', ['probe_retry', 'probe_step', 'unbind_start'], probe, 'the probe path\'s inner steps'),
  tracepoint('device', ['devres_add', 'devres_release'], z.object({ dev: str, name: str, size: num }).strict(), 'managed resources'),
  tracepoint('device', 'bus_register', z.object({ bus: str }).strict(), 'bus_register', ['devices']),
  tracepoint('device', ['driver_register', 'driver_unregister'], z.object({ driver: str, bus: str }).strict(), 'driver (un)registration', ['devices']),
  tracepoint('device', ['device_link_add'], z.object({ supplier: str, consumer: str, status: str }).strict(), 'device_link_add', ['devices']),
  tracepoint('device', ['device_link_del'], z.object({ supplier: str, consumer: str }).strict(), 'device_link_del', ['devices']),
  tracepoint('device', 'uevent', z.object({ action: str, devpath: str, subsystem: str, seqnum: int, env: z.array(str) }).strict(), 'kobject_uevent', ['devices']),
  // include/trace/events/block.h: every step of an IO, with blktrace's action letters (Q G I M F D C P U X R)
  tracepoint('block', ['block_bio_queue', 'block_getrq', 'block_bio_backmerge', 'block_bio_frontmerge', 'block_bio_bounce'],
    blk_bio, 'a bio is queued (Q), gets a request (G), is merged at the back (M) or front (F) of one'),
  tracepoint('block', ['block_rq_insert', 'block_rq_issue', 'block_rq_merge', 'block_rq_requeue'], blk_rq,
    'a request goes into a queue (I), to the driver (D), is merged into another, or back to the queue (R)'),
  tracepoint('block', ['block_rq_complete', 'block_rq_error', 'block_bio_complete'], z.object({ dev: str, sector: num, nr_sector: int, rwbs: str, error: int }).strict(),
    'the device completed a request (C) or a bio ended'),
  tracepoint('block', 'block_plug', z.object({ dev: str, comm: str }).strict(), 'a task\'s plug took its first request for the disk (P)'),
  tracepoint('block', 'block_unplug', z.object({ dev: str, nr_rq: int, comm: str, explicit: bool }).strict(), 'a plug was flushed to the disk (U), explicitly or on schedule (UT)'),
  tracepoint('block', 'block_split', z.object({ dev: str, sector: num, new_sector: num, rwbs: str, comm: str }).strict(), 'a bio was split at the queue limits (X)'),
  tracepoint('block', 'block_bio_remap', z.object({ dev: str, sector: num, nr_sector: int, rwbs: str, old_dev: str, old_sector: num }).strict(), 'a partition bio was remapped to its disk (A)'),
  // block/elevator.c and the IO view: a request's whole life in one event (its stages in virtual ns), and scheduler switches
  tracepoint('iosched', 'block_rq_stages', z.object({
    dev: str, sched: str, sector: num, nr_sector: int, rwbs: str, pid: int, comm: str, ioprio: int,
    alloc_ns: num, insert_ns: num, dispatch_ns: num, issue_ns: num, complete_ns: num, error: int,
  }).strict(), 'a request ended: when it was allocated, inserted, dispatched, issued and completed (the IO view)'),
  tracepoint('iosched', 'elevator_switch', z.object({ dev: str, from: str, to: str }).strict(), 'the queue changed I/O scheduler (echo NAME > queue/scheduler)'),
  // include/trace/events/kyber.h
  tracepoint('kyber', 'kyber_latency', z.object({ dev: str, domain: str, type: str, percentile: int, numerator: int, denominator: int, samples: int }).strict(),
    'kyber checked a domain\'s latency histogram against its target'),
  tracepoint('kyber', 'kyber_adjust', z.object({ dev: str, domain: str, depth: int }).strict(), 'kyber resized a domain\'s token pool'),
  tracepoint('kyber', 'kyber_throttled', z.object({ dev: str, domain: str }).strict(), 'a domain ran out of tokens: its requests wait'),
  // drivers/pci
  tracepoint('pci', 'pci_bus_add_device', z.object({ dev: str, vendor: int, device: int }).strict(), 'a PCI function was added'),
  tracepoint('pci', 'pci_remove_device', z.object({ dev: str }).strict(), 'a PCI function was removed'),
  // include/trace/events/gpio.h, and the pins of the breadboard view
  tracepoint('gpio', 'gpio_direction', z.object({ gpio: int, in: bool, err: int }).strict(), 'a line was set as input or output'),
  tracepoint('gpio', 'gpio_value', z.object({ gpio: int, get: bool, value: int }).strict(), 'a line was read or driven'),
  tracepoint('gpio', 'gpio_line_event', z.object({ gpio: int, offset: int, rising: bool, timestamp_ns: num }).strict(), 'an edge event was queued on a line request fd (gpiolib-cdev)'),
  // include/trace/events/cgroup.h and oom.h (mark_victim), with the controllers' enforcement points of the Namespaces view
  tracepoint('cgroup', ['cgroup_mkdir', 'cgroup_rmdir'], z.object({ path: str, level: int }).strict(), 'a cgroup was created or removed'),
  tracepoint('cgroup', 'cgroup_freeze', z.object({ path: str, frozen: int }).strict(), 'cgroup.freeze was written'),
  tracepoint('cgroup', 'cgroup_pids_limit', z.object({ path: str, max: int }).strict(), 'a fork was refused at pids.max'),
  tracepoint('cgroup', 'cgroup_throttle', z.object({ path: str, pid: int, runtime_ns: num }).strict(), 'a task ran out of its group\'s cpu.max runtime and waits for the next period'),
  tracepoint('cgroup', 'cgroup_io_throttle', z.object({ path: str, dev: str, bytes: int, wait_ns: num }).strict(), 'io.max held a bio back'),
  tracepoint('cgroup', 'memcg_charge', z.object({ pid: int, bytes: num, usage: num }).strict(), 'a process\'s anonymous memory grew and was charged to its memcg'),
  tracepoint('cgroup', 'mark_victim', z.object({ pid: int, comm: str, path: str }).strict(), 'the memcg OOM killer chose a victim'),
  // drivers/input: devices coming and going, and every event a device reports that passes the core's filter
  tracepoint('input', ['input_register_device'], z.object({ dev: str, name: str, phys: str }).strict(), 'an input device was registered (inputN)', ['devices']),
  tracepoint('input', ['input_unregister_device'], z.object({ dev: str }).strict(), 'an input device was unregistered', ['devices']),
  tracepoint('input', 'input_event', z.object({ dev: str, type: int, code: int, value: int }).strict(), 'an input event passed input_handle_event (EV_SYN not included)'),
] as const satisfies readonly TracepointDecl[];

type AnyDecl = (typeof TRACEPOINTS)[number];
type Ph = 'i' | 'X';

/** The declarations of kind `P` in subsystem `S`. */
type DeclsIn<P extends Ph, S extends string> = AnyDecl extends infer D ? D extends { ph: P; subsystem: S } ? D : never : never;
type NamesOf<D> = D extends TracepointDecl<string, infer N> ? N : never;
type PayloadOfDecl<D> = D extends { payload: infer Z extends z.ZodObject } ? z.output<Z> : never;
/** The declaration (of kind `P`, subsystem `S`) covering name `N`. */
type DeclFor<P extends Ph, S extends string, N extends string> = DeclsIn<P, S> extends infer D ? D extends unknown ? N extends NamesOf<D> ? D : never : never : never;

export type TraceSubsystem = AnyDecl['subsystem'];
export type InstantSubsystem = DeclsIn<'i', string>['subsystem'];
export type SpanSubsystem = DeclsIn<'X', string>['subsystem'];
/** Names of instant events in subsystem S. */
export type InstantName<S extends string = InstantSubsystem> = NamesOf<DeclsIn<'i', S>>;
/** Every declared instant name (the fixed ones and the families' patterns). */
export type TracepointName = InstantName;
export type TracepointPayload<P extends Ph, S extends string, N extends string> = PayloadOfDecl<DeclFor<P, S, N>>;
/** A payload argument: optional when the payload has no required field. */
export type PayloadArgs<P extends Ph, S extends string, N extends string> =
  Record<never, never> extends TracepointPayload<P, S, N> ? [args?: TracepointPayload<P, S, N>] : [args: TracepointPayload<P, S, N>];

/** Names of the events that change a view's data (the devices snapshot), from the declarations' `affects`. */
export function tracepoints_affecting(view: 'devices'): string[] {
  return TRACEPOINTS.flatMap((d) => ((d.affects as readonly string[]).includes(view) && d.match.kind === 'exact' ? d.match.names : []));
}

/** The declaration an event falls under, or undefined when none does (an undeclared tracepoint). */
export function tracepoint_decl(cat: string, name: string, ph: 'i' | 'X' | 'B' | 'E'): TracepointDecl | undefined {
  const kind = ph === 'X' ? 'X' : 'i';
  return (TRACEPOINTS as readonly TracepointDecl[]).find((d) => d.subsystem === cat && d.ph === kind && tracepoint_matches(d, name));
}
