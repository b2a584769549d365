// The lab file format: a lab's steps, hints and declarative checks, validated with line:column errors.
import { z } from 'zod';
import { LineCounter, parseDocument, isNode, visit } from 'yaml';

/** Where a check looks. Each observes only what a learner could observe too; `message` says where to look when it fails, `label` names the check in the learner's terms (default: from where it looks). */
/** A regular expression a check compiles: refused here, with its line, rather than throwing when the check runs. */
const regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const CheckSchema = z.union([
  z.object({
    /** A shell command in the guest: its output and exit status. */
    run: z.string().min(1),
    status: z.number().int().optional(),
    output_contains: z.string().optional(),
    output_matches: regex.optional(),
    output_equals: z.string().optional(),
    message: z.string().optional(),
    label: z.string().optional(),
  }).strict(),
  z.object({
    /** A file in the guest (procfs, sysfs, /dev, anything). */
    file: z.string().regex(/^\//, 'a guest path starts with /'),
    equals: z.string().optional(),
    contains: z.string().optional(),
    matches: regex.optional(),
    exists: z.boolean().optional(),
    message: z.string().optional(),
    label: z.string().optional(),
  }).strict(),
  z.object({
    /** A line of the kernel log. */
    dmesg: z.string().min(1),
    absent: z.boolean().optional(),
    message: z.string().optional(),
    label: z.string().optional(),
  }).strict(),
  z.object({
    /** A tracepoint that must have fired: category, name, and argument values. */
    trace: z.object({ cat: z.string(), name: z.string().optional(), args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }).strict(),
    message: z.string().optional(),
    label: z.string().optional(),
  }).strict(),
  z.object({
    /** A file in the learner's workspace (an answer, or their code). */
    workspace: z.string().min(1),
    equals: z.string().optional(),
    contains: z.string().optional(),
    matches: regex.optional(),
    /** The expected answer is computed from the machine: the name of the slowest initcall. */
    equals_fact: z.enum(['slowest_initcall', 'longest_boot_phase', 'kernel_release']).optional(),
    message: z.string().optional(),
    label: z.string().optional(),
  }).strict(),
  z.object({
    /** The machine's state after the step's actions. */
    machine: z.enum(['running', 'panicked', 'halted', 'off']),
    boots: z.number().int().positive().optional(),
    message: z.string().optional(),
    label: z.string().optional(),
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

/** Lab files are small; anything larger is a mistake, and the YAML library's work grows with it. */
export const LAB_MAX_BYTES = 1 << 20;
/**
 * Nesting limit for flow ([ { ) and block (indentation) collections. The YAML library recurses per level and, at
 * some tens of thousands of open brackets, exhausts the stack or even the regexp compiler's memory (a fatal abort).
 */
export const LAB_MAX_DEPTH = 64;

/** Finds nesting beyond LAB_MAX_DEPTH before the YAML library sees it: the 1-based line and column, or null. */
function too_deep(text: string): { line: number; column: number; message: string } | null {
  let line = 1;
  let col = 1;
  let flow = 0;
  let quote = '';
  const indents: number[] = [];
  let block_scalar = -1;
  let at_line_start = true;
  /** Compact collections opened on this line ("a: b: c", "- - x"): the parser nests for each. */
  let inline = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (at_line_start) {
      at_line_start = false;
      inline = 0;
      let j = i;
      while (text[j] === ' ') j++;
      const indent = j - i;
      const blank = j >= text.length || text[j] === '\n' || text[j] === '#' || text[j] === '\r';
      if (!blank && !quote && flow === 0) {
        if (block_scalar >= 0 && indent > block_scalar) {
          // Content of a | or > scalar: skip the line.
          while (i < text.length && text[i] !== '\n') i++;
          line++;
          col = 1;
          at_line_start = true;
          continue;
        }
        block_scalar = -1;
        while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > LAB_MAX_DEPTH) return { line, column: indent + 1, message: `nested more than ${LAB_MAX_DEPTH} levels deep` };
        const end = text.indexOf('\n', j);
        if (/[|>][-+0-9]*\s*(#.*)?$/.test(text.slice(j, end < 0 ? text.length : end))) block_scalar = indent;
      }
    }
    if (c === '\n') {
      line++;
      col = 1;
      at_line_start = true;
      continue;
    }
    col++;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++flow > LAB_MAX_DEPTH) return { line, column: col - 1, message: `brackets nested more than ${LAB_MAX_DEPTH} levels deep` };
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
    else if ((c === ':' || c === '-' || c === '?') && /[ \t\n]/.test(text[i + 1] ?? '\n')) {
      if (indents.length + ++inline > LAB_MAX_DEPTH) return { line, column: col - 1, message: `nested more than ${LAB_MAX_DEPTH} levels deep` };
    }
  }
  return null;
}

/** Parses and validates a lab file; every problem comes with its line and column. */
export function parse_lab(text: string): ParsedLab {
  if (text.length > LAB_MAX_BYTES) return { ok: false, errors: [{ line: 1, column: 1, message: `the lab file is larger than ${LAB_MAX_BYTES} bytes` }] };
  const deep = too_deep(text);
  if (deep) return { ok: false, errors: [deep] };
  try {
    return parse_checked(text);
  } catch (e) {
    // Last resort: whatever the YAML library throws on a document the checks above let through becomes a diagnostic.
    return { ok: false, errors: [{ line: 1, column: 1, message: `cannot parse the lab file: ${(e as Error).message.split('\n')[0]}` }] };
  }
}

function parse_checked(text: string): ParsedLab {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const pos = (offset: number): { line: number; column: number } => { const p = lc.linePos(offset); return { line: p.line, column: p.col }; };
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => ({ ...pos(e.pos[0]), message: e.message.split('\n')[0] })) };
  let data: unknown;
  try {
    // Aliases expand in toJS: a "billion laughs" document stops at the alias budget instead of filling the heap.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    let at = { line: 1, column: 1 };
    visit(doc, { Alias: (_k, node) => { if (node.range) at = pos(node.range[0]); return visit.BREAK; } });
    return { ok: false, errors: [{ ...at, message: (e as Error).message.split('\n')[0]! }] };
  }
  const r = LabSchema.safeParse(data);
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
