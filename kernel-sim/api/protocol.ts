// The one protocol between kernel-sim and its hosts' clients (renderer, CLI, tests): messages and their schemas.
//
// Three kinds of message travel from a client to kernel-sim: a request (expects one
// response with the same id), a cancel (for a request still running) and nothing
// else. kernel-sim sends responses and events (console bytes, trace events, machine
// state changes). Every message is validated on receipt; a malformed one gets an
// error response and changes nothing.
import { z } from 'zod';

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

export const BootParamsSchema = z.object({
  /** Device-tree source of the machine; the default machine when absent. */
  dts: z.string().optional(),
  /** Name of the file the dts came from, for line:column errors. */
  dtsName: z.string().optional(),
  /** Overrides /chosen/bootargs. */
  cmdline: z.string().optional(),
  seed: z.number().int().nonnegative().optional(),
}).strict();

export const Empty = z.object({}).strict();

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
export const BuildFileSchema = z.object({ path: z.string().min(1).max(1024).regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\\0]+$/, 'a relative path without ..'), text: z.string().max(4 * 1024 * 1024) }).strict();

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
export const TtyNameSchema = z.string().regex(/^[a-zA-Z0-9/]{1,32}$/);

export const LabNameSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);
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

// The methods, per subsystem, with their params and result schemas: api/methods/*.ts, merged in api/methods.ts.
export type { Method, ParamsOf, ResultOf } from './methods.ts';

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
export const ErrorCodeSchema = z.enum([
  'EPROTO', 'ENOSYS', 'EINVAL', 'ECANCELED', 'EBUSY', 'ETIMEDOUT', 'ENOENT', 'EIO', 'ENODEV',
  // The guest's own errno names, as the VFS methods (fs.read, fs.write, fs.readdir) return them.
  'EPERM', 'EACCES', 'EISDIR', 'ENOTDIR', 'EAGAIN', 'EEXIST', 'ENOEXEC', 'ENOMEM', 'EFAULT', 'ENXIO', 'EROFS', 'ELOOP',
  'ENAMETOOLONG', 'EFBIG', 'ENOSPC', 'EINTR', 'EOVERFLOW', 'ENOTEMPTY', 'ENOTTY', 'ENOTSUPP', 'EOPNOTSUPP',
]);
/** The event streams a client can subscribe to. */
export const StreamSchema = z.enum(['console', 'trace', 'machine', 'dmesg']);
export type Stream = z.infer<typeof StreamSchema>;
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
  /** Sent by a host when kernel-sim itself was restarted (utility process or worker died, ran out of memory, or hung: `cause`). */
  | { type: 'event'; stream: 'host'; data: { restarted: boolean; reason: string; cause?: 'exit' | 'out-of-memory' | 'watchdog' } };

export type ServerMessage = Response | EventMessage;
