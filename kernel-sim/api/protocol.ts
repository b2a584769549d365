// The one protocol between kernel-sim and its hosts' clients (renderer, CLI, tests): messages and their schemas.
//
// Three kinds of message travel from a client to kernel-sim: a request (expects one
// response with the same id), a cancel (for a request still running) and nothing
// else. kernel-sim sends responses and events (console bytes, trace events, machine
// state changes). Every message is validated on receipt; a malformed one gets an
// error response and changes nothing.
import { z } from 'zod';
import { DevicesSnapshotSchema } from './devices.ts';

export const PROTOCOL_VERSION = 1;

/** Machine life cycle as the status bar shows it. */
export const MachineStateSchema = z.enum(['off', 'booting', 'running', 'panicked', 'halted']);
export type MachineState = z.infer<typeof MachineStateSchema>;

export const MachineInfoSchema = z.object({
  state: MachineStateSchema,
  /** Virtual time since power-on, nanoseconds. */
  uptimeNs: z.number(),
  release: z.string(),
  hostname: z.string(),
  /** /proc/sys/kernel/tainted as letters, e.g. "OE" ("" when clean). */
  taint: z.string(),
  modules: z.array(z.string()),
  bootCount: z.number().int(),
  cmdline: z.string(),
});
export type MachineInfo = z.infer<typeof MachineInfoSchema>;

const BootParams = z.object({
  /** Device-tree source of the machine; the default machine when absent. */
  dts: z.string().optional(),
  /** Name of the file the dts came from, for line:column errors. */
  dtsName: z.string().optional(),
  /** Overrides /chosen/bootargs. */
  cmdline: z.string().optional(),
  seed: z.number().int().nonnegative().optional(),
}).strict();

const Empty = z.object({}).strict();

/** One record of the kernel log ring buffer, as /dev/kmsg gives it. */
export const DmesgRecordSchema = z.object({
  seq: z.number().int(),
  /** Virtual timestamp, nanoseconds. */
  tsNs: z.number(),
  /** 0 (emerg) .. 7 (debug). */
  level: z.number().int(),
  facility: z.number().int(),
  text: z.string(),
});
export type DmesgRecord = z.infer<typeof DmesgRecordSchema>;

/** A source file handed to the toolchain; paths are workspace-relative ('/'-separated). */
const BuildFile = z.object({ path: z.string().min(1).max(1024).regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\\0]+$/, 'a relative path without ..'), text: z.string().max(4 * 1024 * 1024) }).strict();

/** A compiler diagnostic as the editor shows it (clang's file:line:column: severity: message). */
export const BuildDiagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  severity: z.enum(['error', 'warning', 'note', 'fatal error', 'remark']),
  message: z.string(),
  flag: z.string().optional(),
  text: z.string(),
});
export type BuildDiagnostic = z.infer<typeof BuildDiagnosticSchema>;

export const BuildResultSchema = z.object({
  ok: z.boolean(),
  modname: z.string(),
  diagnostics: z.array(BuildDiagnosticSchema),
  /** clang and wasm-ld output as they print it. */
  log: z.string(),
  /** The built .ko, base64; absent when the build failed. */
  ko: z.string().optional(),
  /** Wall time the build took, ms (informative). */
  ms: z.number(),
});
export type BuildResult = z.infer<typeof BuildResultSchema>;
const TtyName = z.string().regex(/^[a-zA-Z0-9/]{1,32}$/);

const LabName = z.string().regex(/^[a-z0-9-]{1,64}$/);
export const LabSummarySchema = z.object({ name: z.string(), title: z.string(), summary: z.string(), steps: z.array(z.object({ id: z.string(), title: z.string() })) });
export const LabDetailSchema = z.object({
  name: z.string(), title: z.string(), summary: z.string(), objectives: z.array(z.string()),
  steps: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), hints: z.array(z.string()), files: z.array(z.string()) })),
  /** The starter files the steps introduce, by path relative to the lab's workspace folder. */
  starter: z.record(z.string(), z.string()),
});
export const LabCheckResultSchema = z.object({ passed: z.boolean(), results: z.array(z.object({ passed: z.boolean(), label: z.string(), detail: z.string() })) });
export type LabSummary = z.infer<typeof LabSummarySchema>;
export type LabDetail = z.infer<typeof LabDetailSchema>;
export type LabCheckResult = z.infer<typeof LabCheckResultSchema>;

/** Every request method with its params schema and result schema. */
export const methods = {
  ping: { params: Empty, result: z.object({ version: z.number() }) },
  'machine.boot': { params: BootParams, result: MachineInfoSchema },
  'machine.reboot': { params: Empty, result: MachineInfoSchema },
  'machine.info': { params: Empty, result: MachineInfoSchema },
  /** Opens a terminal on the guest: a shell on a new tty; returns its name. */
  'tty.open': { params: z.object({ cols: z.number().int().min(1).max(1000).optional(), rows: z.number().int().min(1).max(1000).optional() }).strict(), result: z.object({ tty: z.string() }) },
  /** Bytes typed into a terminal (keyboard input, UTF-8 text). */
  'tty.input': { params: z.object({ tty: TtyName, data: z.string().max(65536) }).strict(), result: Empty },
  'tty.resize': { params: z.object({ tty: TtyName, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(), result: Empty },
  'tty.close': { params: z.object({ tty: TtyName }).strict(), result: Empty },
  /** Runs one command line in a guest shell and waits for it (CLI, tests, labs). */
  'shell.run': { params: z.object({ command: z.string().max(65536), timeoutNs: z.number().positive().optional() }).strict(), result: z.object({ output: z.string(), status: z.number().int() }) },
  /** Copies a file into the guest filesystem. */
  'fs.put': { params: z.object({ path: z.string().min(1).max(4096), data: z.string(), encoding: z.enum(['utf8', 'base64']).default('utf8'), mode: z.number().int().min(0).max(0o7777).optional() }).strict(), result: Empty },
  /** Chooses which event streams this client receives. */
  'events.subscribe': { params: z.object({ streams: z.array(z.enum(['console', 'trace', 'machine', 'dmesg'])) }).strict(), result: Empty },
  /** The kernel log records still in the ring buffer with seq >= sinceSeq (the dmesg stream carries later ones). */
  'dmesg.read': { params: z.object({ sinceSeq: z.number().int().nonnegative().optional() }).strict(), result: z.object({ records: z.array(DmesgRecordSchema) }) },
  /** Compiles C sources to a kernel module with the host's toolchain (clang to wasm32); never touches the machine. */
  build: {
    params: z.object({
      files: z.array(BuildFile).min(1).max(64),
      /** Which of `files` to compile (the rest are headers they include); default: every .c file. */
      sources: z.array(z.string().min(1).max(1024)).max(64).optional(),
      modname: z.string().regex(/^[A-Za-z0-9_-]{1,55}$/).optional(),
      defines: z.array(z.string().max(256)).max(64).optional(),
    }).strict(),
    result: BuildResultSchema,
  },
  /** All trace events so far as Chrome trace JSON (opens in Perfetto). */
  'trace.export': { params: Empty, result: z.object({ json: z.string() }) },
  /** Guided labs: the list, one lab's text, live checks of a step, and the user's progress (kept on disk by the host). */
  'lab.list': { params: Empty, result: z.object({ labs: z.array(LabSummarySchema) }) },
  'lab.get': { params: z.object({ name: LabName }).strict(), result: LabDetailSchema },
  'lab.check': { params: z.object({ name: LabName, step: z.number().int().nonnegative(), files: z.record(z.string().max(1024), z.string().max(1 << 20)).default({}) }).strict(), result: LabCheckResultSchema },
  'lab.progress': { params: Empty, result: z.object({ labs: z.record(z.string(), z.object({ completed: z.array(z.string()), hints: z.record(z.string(), z.number()) })) }) },
  'lab.hint': { params: z.object({ name: LabName, step: z.string().max(64), shown: z.number().int().min(0).max(100) }).strict(), result: Empty },
  'lab.reset': { params: z.object({ name: LabName }).strict(), result: Empty },
  /** The device model as the UI's device graph draws it (buses, drivers, devices, bindings, probe state). */
  'devices.snapshot': { params: Empty, result: DevicesSnapshotSchema },
} as const;

export type Method = keyof typeof methods;
export type ParamsOf<M extends Method> = z.input<(typeof methods)[M]['params']>;
export type ResultOf<M extends Method> = z.infer<(typeof methods)[M]['result']>;

export const RequestSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string(),
  params: z.unknown().optional(),
}).strict();

export const CancelSchema = z.object({
  type: z.literal('cancel'),
  id: z.number().int().nonnegative(),
}).strict();

export const ClientMessageSchema = z.discriminatedUnion('type', [RequestSchema, CancelSchema]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Error codes: errno-like names clients can branch on. */
export const ErrorCodeSchema = z.enum(['EPROTO', 'ENOSYS', 'EINVAL', 'ECANCELED', 'EBUSY', 'ETIMEDOUT', 'ENOENT', 'EIO', 'ENODEV']);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Structured details, e.g. line:column diagnostics of a boot config. */
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export type Response =
  | { type: 'response'; id: number | null; ok: true; result: unknown }
  | { type: 'response'; id: number | null; ok: false; error: ErrorBody };

export const ConsoleEventSchema = z.object({ tty: z.string(), data: z.string() });
export const TraceEventSchema = z.object({
  /** Virtual timestamp, nanoseconds. */
  ts: z.number(),
  /** Subsystem, e.g. "syscalls", "initcall", "device", "irq". */
  cat: z.string(),
  name: z.string(),
  /** "B"/"E" span begin/end, "i" instant, "X" complete (with dur). */
  ph: z.enum(['B', 'E', 'i', 'X']),
  dur: z.number().optional(),
  pid: z.number().int(),
  tid: z.number().int(),
  args: z.record(z.string(), z.unknown()).optional(),
});
export type ConsoleEvent = z.infer<typeof ConsoleEventSchema>;
export type TraceEvent = z.infer<typeof TraceEventSchema>;

export type EventMessage =
  | { type: 'event'; stream: 'console'; data: ConsoleEvent }
  | { type: 'event'; stream: 'trace'; data: TraceEvent[] }
  | { type: 'event'; stream: 'machine'; data: MachineInfo }
  /** New kernel log records (printk), oldest first. */
  | { type: 'event'; stream: 'dmesg'; data: DmesgRecord[] }
  /** Sent by a host when kernel-sim itself was restarted (utility process died). */
  | { type: 'event'; stream: 'host'; data: { restarted: boolean; reason: string } };

export type ServerMessage = Response | EventMessage;
