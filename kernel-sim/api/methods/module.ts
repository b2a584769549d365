// Protocol methods of kernel modules: build with the host's toolchain, Build & Load (build, unload the old version, load, and the kernel's verdict as data), unload.
import { z } from 'zod';
import { BuildFileSchema, BuildResultSchema, DmesgRecordSchema } from '../protocol.ts';
import { ProbeStateSchema } from '../devices.ts';
import { methodSchemas } from '../method-schema.ts';

const ModName = z.string().regex(/^[A-Za-z0-9_-]{1,55}$/);

/** What to compile: the module's files and which of them are sources. */
export const BuildParamsSchema = z.object({
  files: z.array(BuildFileSchema).min(1).max(64),
  /** Which of `files` to compile (the rest are headers they include); default: every .c file. */
  sources: z.array(z.string().min(1).max(1024)).max(64).optional(),
  modname: ModName.optional(),
  defines: z.array(z.string().max(256)).max(64).optional(),
}).strict();

/** One probe the load caused (really_probe's outcome for a device). */
export const ProbeOutcomeSchema = z.object({
  device: z.string(),
  driver: z.string().nullable(),
  bus: z.string().nullable(),
  /** The probe's return value: 0, or -errno. */
  ret: z.number().int(),
  /** The errno name of a failed probe ("ENODEV"), null when it bound. */
  errno: z.string().nullable(),
  state: ProbeStateSchema,
}).strict();

export const ModuleLoadResultSchema = z.object({
  modname: z.string(),
  /** The build (diagnostics, log); the .ko itself stays on the host. */
  build: BuildResultSchema.omit({ ko: true }),
  loaded: z.boolean(),
  /** A loaded version of the module was unloaded first. */
  replaced: z.boolean(),
  /** The module's init hit an Oops, which killed the loading thread (as it kills insmod). */
  killed: z.boolean(),
  /** Why the kernel refused the module, as finit_module's errno name ("ENOENT" for an unknown symbol); null when it loaded or never got that far. */
  errno: z.string().nullable(),
  /** The kernel's own reasons from its log: "Unknown symbol ...", probe failures, an Oops headline with its source line. */
  reasons: z.array(z.string()),
  /** Kernel log records printed during the load. */
  dmesg: z.array(DmesgRecordSchema),
  /** Every probe the load caused, in order. */
  probes: z.array(ProbeOutcomeSchema),
  /** Devices bound to a driver of this module once the load settled. */
  devices: z.array(z.object({ devpath: z.string(), name: z.string(), driver: z.string(), bus: z.string().nullable() }).strict()),
}).strict();
export type ModuleLoadResult = z.infer<typeof ModuleLoadResultSchema>;
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>;

export const moduleApi = methodSchemas({
  /** Compiles C sources to a kernel module with the host's toolchain (clang to wasm32); never touches the machine. */
  build: { params: BuildParamsSchema, result: BuildResultSchema },
  /** Build & Load: builds, unloads a loaded version, loads the new one (finit_module, as insmod does) and reports the outcome as data. */
  'module.load': { params: BuildParamsSchema.extend({ args: z.string().max(4096).default('') }).strict(), result: ModuleLoadResultSchema },
  /** Unloads a module (delete_module, as rmmod does). */
  'module.unload': {
    params: z.object({ name: ModName }).strict(),
    result: z.object({ unloaded: z.boolean(), errno: z.string().nullable(), reasons: z.array(z.string()) }).strict(),
  },
});
