// The lab file format: a lab's steps, hints and declarative checks, validated with line:column errors.
import { z } from 'zod';
import { LineCounter, parseDocument, isNode } from 'yaml';

/** Where a check looks. Each observes only what a learner could observe too. */
export const CheckSchema = z.union([
  z.object({
    /** A shell command in the guest: its output and exit status. */
    run: z.string().min(1),
    status: z.number().int().optional(),
    output_contains: z.string().optional(),
    output_matches: z.string().optional(),
    output_equals: z.string().optional(),
    message: z.string().optional(),
  }).strict(),
  z.object({
    /** A file in the guest (procfs, sysfs, /dev, anything). */
    file: z.string().regex(/^\//, 'a guest path starts with /'),
    equals: z.string().optional(),
    contains: z.string().optional(),
    matches: z.string().optional(),
    exists: z.boolean().optional(),
    message: z.string().optional(),
  }).strict(),
  z.object({
    /** A line of the kernel log. */
    dmesg: z.string().min(1),
    absent: z.boolean().optional(),
    message: z.string().optional(),
  }).strict(),
  z.object({
    /** A tracepoint that must have fired: category, name, and argument values. */
    trace: z.object({ cat: z.string(), name: z.string().optional(), args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }).strict(),
    message: z.string().optional(),
  }).strict(),
  z.object({
    /** A file in the learner's workspace (an answer, or their code). */
    workspace: z.string().min(1),
    equals: z.string().optional(),
    contains: z.string().optional(),
    matches: z.string().optional(),
    /** The expected answer is computed from the machine: the name of the slowest initcall. */
    equals_fact: z.enum(['slowest_initcall', 'longest_boot_phase', 'kernel_release']).optional(),
    message: z.string().optional(),
  }).strict(),
  z.object({
    /** The machine's state after the step's actions. */
    machine: z.enum(['running', 'panicked', 'halted', 'off']),
    boots: z.number().int().positive().optional(),
    message: z.string().optional(),
  }).strict(),
]);
export type Check = z.infer<typeof CheckSchema>;

export const StepSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'step ids are lowercase words with dashes'),
  title: z.string().min(1),
  text: z.string().min(1),
  /** Starter files (relative to the lab folder) copied into a new workspace. */
  files: z.array(z.string()).optional(),
  hints: z.array(z.string()).default([]),
  /** Boot the machine with this kernel command line (a workspace file's contents if it starts with @). */
  cmdline: z.string().optional(),
  /** Boot config: a workspace file (@file.dts) or a machine name; default: the lab's machine. */
  machine: z.string().optional(),
  /** Guest commands to run before the checks (the learner's actions, replayed). */
  actions: z.array(z.string()).default([]),
  /** C sources in the workspace to build and insmod before the checks: "edu.c" or "edu.c param=value ...". */
  modules: z.array(z.string().regex(/^[\w./-]+\.c(\s+[\w.]+=\S+)*$/, 'a module is a .c file in the workspace, then optional param=value words')).default([]),
  /** C user programs in the workspace, built with `kwb build --user` and installed as /root/work/NAME before the actions. */
  programs: z.array(z.string().regex(/^[\w./-]+\.c$/, 'a program is a .c file in the workspace')).default([]),
  checks: z.array(CheckSchema).min(1, 'a step needs at least one check'),
}).strict();
export type Step = z.infer<typeof StepSchema>;

export const LabSchema = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  objectives: z.array(z.string()).min(1),
  machine: z.string().default('default'),
  steps: z.array(StepSchema).min(1),
}).strict();
export type Lab = z.infer<typeof LabSchema>;

export interface LabDiagnostic { line: number; column: number; message: string }

export type ParsedLab = { ok: true; lab: Lab } | { ok: false; errors: LabDiagnostic[] };

/** Parses and validates a lab file; every problem comes with its line and column. */
export function parse_lab(text: string): ParsedLab {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const pos = (offset: number): { line: number; column: number } => { const p = lc.linePos(offset); return { line: p.line, column: p.col }; };
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => ({ ...pos(e.pos[0]), message: e.message.split('\n')[0] })) };
  const r = LabSchema.safeParse(doc.toJS());
  if (r.success) return { ok: true, lab: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((issue) => {
      // Point at the deepest node of the path that exists in the document.
      let path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      let node: unknown = null;
      while (path.length && !isNode(node = doc.getIn(path, true))) path = path.slice(0, -1);
      const range = isNode(node) ? node.range : null;
      const where = range ? pos(range[0]) : { line: 1, column: 1 };
      const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
      return { ...where, message: `${at}${issue.message}` };
    }),
  };
}
