// Labs on disk and grading: loads labs/NAME/lab.yaml, boots a fresh machine per step as the step prescribes, and runs its checks.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TraceEvent } from '../api/protocol.ts';
import { Machine, MachineError } from '../machine.ts';
import { parse_lab, type Lab, type Step, type LabDiagnostic } from '../lab/schema.ts';
import { evaluate_step, type CheckResult, type LabTarget, type LabWorkspace } from '../lab/engine.ts';
import { load_machine } from './machines.ts';
import { getToolchain, type ModuleBuilder } from './kwb-build.ts';
import { modnameOf, type SourceFile } from '../toolchain/build.ts';
import { find_module } from '../kernel/module/list.ts';

/** labs/ of this installation: $KWB_LABS, or found walking up from this file. */
export function labs_dir(): string {
  const env = process.env.KWB_LABS;
  if (env && existsSync(env)) return env;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'labs')) && existsSync(join(dir, 'resources'))) return join(dir, 'labs');
    const up = resolve(dir, '..');
    if (up === dir) break;
    dir = up;
  }
  throw new Error('cannot find the labs/ folder (set KWB_LABS)');
}

export interface LoadedLab { name: string; dir: string; lab: Lab }
export class LabError extends Error {
  constructor(message: string, readonly diagnostics: LabDiagnostic[] = []) { super(message); }
}

export function list_labs(root = labs_dir()): string[] {
  return readdirSync(root).filter((n) => existsSync(join(root, n, 'lab.yaml'))).sort();
}

export function load_lab(name: string, root = labs_dir()): LoadedLab {
  const dir = join(root, name);
  const file = join(dir, 'lab.yaml');
  if (!existsSync(file)) throw new LabError(`no lab named '${name}' (try 'kwb lab list')`);
  const r = parse_lab(readFileSync(file, 'utf8'));
  if (!r.ok) throw new LabError(r.errors.map((e) => `labs/${name}/lab.yaml:${e.line}:${e.column}: error: ${e.message}`).join('\n'), r.errors);
  return { name, dir, lab: r.lab };
}

export interface DirWorkspace extends LabWorkspace { files(): string[] }

/** Puts the learner's files under /root/work in the guest, so actions can run them. */
function copy_workspace(m: Machine, ws: LabWorkspace): void {
  const files = (ws as Partial<DirWorkspace>).files?.() ?? [];
  for (const f of files.slice(0, 200)) {
    const text = ws.read(f);
    if (text !== null && text.length < 1 << 20) m.putFile(`/root/work/${f}`, new TextEncoder().encode(text), 0o755);
  }
}

function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    if (e.isDirectory()) out.push(...walk(join(dir, e.name), `${prefix}${e.name}/`));
    else if (e.isFile()) out.push(`${prefix}${e.name}`);
  }
  return out;
}

export function dir_workspace(dir: string): DirWorkspace {
  return {
    files: () => (existsSync(dir) ? walk(dir) : []),
    read(path) {
      const p = resolve(dir, path);
      if (!p.startsWith(resolve(dir))) return null;
      try { return statSync(p).isFile() ? readFileSync(p, 'utf8') : null; } catch { return null; }
    },
  };
}

/** A step's value that may name a workspace file ("@file"). */
function from_workspace(value: string, ws: LabWorkspace, what: string): string {
  if (!value.startsWith('@')) return value;
  const text = ws.read(value.slice(1));
  if (text === null) throw new LabError(`${what}: your workspace has no ${value.slice(1)}`);
  return text;
}

export interface StepResult { step: Step; index: number; results: CheckResult[]; error?: string }

/** A step's C code, built: modules to insmod (with their parameters) and user programs to install. */
export interface Built { modules: { ko: string; bytes: Uint8Array; args: string }[]; programs: { path: string; bytes: Uint8Array }[] }

const norm = (path: string): string => {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop(); else out.push(part);
  }
  return out.join('/');
};

/** Headers the sources include with quotes, found in the workspace next to the including file, transitively. */
function workspace_headers(files: string[], ws: LabWorkspace): SourceFile[] {
  const seen = new Set(files);
  const out: SourceFile[] = [];
  const queue = [...files];
  while (queue.length) {
    const f = queue.shift()!;
    const text = ws.read(f);
    if (text === null) continue;
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
    for (const m of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*"([^"\n]+)"/gm)) {
      const cand = norm(dir + m[1]);
      if (seen.has(cand)) continue;
      const h = ws.read(cand);
      if (h === null) continue;
      seen.add(cand);
      out.push({ path: cand, text: h });
      queue.push(cand);
    }
  }
  return out;
}

/** Builds are pure functions of their inputs: grading the same workspace step after step reuses them. */
const build_cache = new Map<string, Promise<{ ok: boolean; wasm?: Uint8Array; log: string }>>();

async function build_one(mode: 'kernel' | 'user', file: string, ws: LabWorkspace, builder: ModuleBuilder): Promise<Uint8Array | string> {
  const text = ws.read(file);
  if (text === null) return `your workspace has no ${file}`;
  const extra = workspace_headers([file], ws);
  const key = JSON.stringify([mode, file, text, extra.map((e) => [e.path, e.text])]);
  let p = build_cache.get(key);
  if (!p) {
    p = builder.build({ mode, sources: [{ path: file, text }], extraFiles: extra, modname: modnameOf(file) });
    build_cache.set(key, p);
  }
  let r: { ok: boolean; wasm?: Uint8Array; log: string };
  try {
    r = await p;
  } catch (e) {
    build_cache.delete(key);
    return `${file} could not be built: the toolchain failed (${(e as Error).message.split('\n')[0]})`;
  }
  if (r.ok && r.wasm) return r.wasm;
  const errors = r.log.split('\n').filter((l) => /error/.test(l)).slice(0, 3).join(' | ');
  return `${file} did not build (${mode === 'user' ? 'kwb build --user' : 'kwb build'} ${file}): ${errors || r.log.trim().split('\n')[0] || 'no output'}`;
}

export async function build_step(step: Step, ws: LabWorkspace, builder: ModuleBuilder): Promise<Built | string> {
  const built: Built = { modules: [], programs: [] };
  for (const spec of step.modules) {
    const [file, ...args] = spec.trim().split(/\s+/);
    const r = await build_one('kernel', file, ws, builder);
    if (typeof r === 'string') return r;
    built.modules.push({ ko: `/root/work/${modnameOf(file)}.ko`, bytes: r, args: args.join(' ') });
  }
  for (const file of step.programs) {
    const r = await build_one('user', file, ws, builder);
    if (typeof r === 'string') return r;
    built.programs.push({ path: `/root/work/${file.replace(/\.c$/, '')}`, bytes: r });
  }
  return built;
}

/**
 * Puts a step's workspace files, programs and modules into a running machine, as the step prescribes. A module of
 * the same name already loaded (the learner's own Build & Load, in a live machine) is unloaded first, so the step's
 * parameters apply. Says why when a module does not load.
 */
export function install_step(machine: Machine, built: Built, ws: LabWorkspace): string | null {
  copy_workspace(machine, ws);
  for (const p of built.programs) machine.putFile(p.path, p.bytes, 0o755);
  for (const m of built.modules) {
    const name = m.ko.slice('/root/work/'.length, -'.ko'.length);
    machine.putFile(m.ko, m.bytes, 0o644);
    if (machine.inspect(() => find_module(name))) {
      const r = machine.runCommand(`rmmod ${name}`);
      if (r.status !== 0) return `rmmod ${name} failed, so the check cannot load this step's ${name}.ko: ${r.output.trim() || `exit status ${r.status}`}`;
    }
    const r = machine.runCommand(`insmod ${m.ko}${m.args ? ` ${m.args}` : ''}`);
    if (r.status !== 0) {
      // The kernel's reason is in the log (an unknown symbol, a failed init ...), as the learner would find it.
      const why = machine.info().state === 'running' ? machine.runCommand('dmesg').output.split('\n').filter((l) => l.includes(` ${name}: `) && !/taints kernel|module verification failed/.test(l)).slice(-2) : [];
      return `insmod ${name}.ko failed: ${r.output.trim() || `exit status ${r.status}`}${why.length ? `; dmesg: ${why.map((l) => l.replace(/^\[[ 0-9.]+\] /, '')).join(' | ')}` : ''}`;
    }
  }
  return null;
}

/** Every check of a step failed for one reason (its code did not build or load, its machine did not boot). */
export const failed_checks = (step: Step, error: string): CheckResult[] => step.checks.map(() => ({ passed: false, label: 'check', detail: error }));

export interface GradeOptions {
  /** Builds the step's C code; default: this host's in-process toolchain (`kwb lab check` passes the build server's client). */
  builder?: ModuleBuilder;
}

/**
 * Whether grading a step needs its machine: not when every check reads the learner's files (none compares them with a
 * fact about the machine), nothing is built, loaded or run, and the machine and command line are the lab's own (one
 * from the workspace could fail to boot, failing the step). Such a step's results cannot depend on a boot: it skips it.
 */
function needs_machine(l: LoadedLab, step: Step): boolean {
  if (step.modules.length || step.programs.length || step.actions.length) return true;
  if ((step.machine ?? l.lab.machine).startsWith('@') || step.cmdline?.startsWith('@')) return true;
  return step.checks.some((c) => !('workspace' in c) || c.equals_fact !== undefined);
}

/** What a check of a step graded without a machine sees if it asks for one (needs_machine says none will). */
const NO_MACHINE: LabTarget = {
  run: () => { throw new Error('this step was graded without a machine'); },
  trace: () => [],
  info: () => { throw new Error('this step was graded without a machine'); },
};

/** Builds the step's C code, boots the step's machine, loads its modules, replays its actions and runs its checks. */
export async function grade_step(l: LoadedLab, index: number, ws: LabWorkspace, opts: GradeOptions = {}): Promise<StepResult> {
  const step = l.lab.steps[index];
  const fail = (error: string): StepResult => ({ step, index, error, results: failed_checks(step, error) });
  if (!needs_machine(l, step)) return { step, index, results: evaluate_step(step, NO_MACHINE, ws) };
  let built: Built = { modules: [], programs: [] };
  if (step.modules.length || step.programs.length) {
    const b = await build_step(step, ws, opts.builder ?? getToolchain());
    if (typeof b === 'string') return fail(b);
    built = b;
  }
  let machine: Machine;
  const trace: TraceEvent[] = [];
  try {
    const spec = step.machine ?? l.lab.machine;
    const src = spec.startsWith('@')
      ? { dts: from_workspace(spec, ws, 'machine'), dtsName: spec.slice(1) }
      : load_machine(existsSync(join(l.dir, spec)) ? join(l.dir, spec) : spec);
    const cmdline = step.cmdline !== undefined ? from_workspace(step.cmdline, ws, 'cmdline').trim() : undefined;
    machine = new Machine({ ...src, cmdline });
    machine.on((ev) => { if (ev.stream === 'trace') trace.push(...ev.data); });
    machine.boot();
  } catch (e) {
    if (e instanceof MachineError || e instanceof LabError) return fail(`the machine did not boot: ${e.message}`);
    throw e;
  }
  const error = install_step(machine, built, ws);
  if (error) return fail(error);
  for (const a of step.actions) if (machine.info().state === 'running') machine.runCommand(a);
  const target: LabTarget = {
    run: (cmd) => {
      if (machine.info().state === 'running') return machine.runCommand(cmd);
      // A stopped machine still shows its console, where the kernel's last words are.
      if (/^\s*dmesg\s*$/.test(cmd)) return { output: machine.consoleLog().replace(/\r\n/g, '\n'), status: 0 };
      return { output: '', status: 255 };
    },
    trace: () => trace,
    info: () => machine.info(),
  };
  return { step, index, results: evaluate_step(step, target, ws) };
}
