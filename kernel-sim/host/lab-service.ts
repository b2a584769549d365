// Labs for the workbench UI: their texts, live checks against the running machine, and each user's progress on disk.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Machine } from '../machine.ts';
import { evaluate_step, type CheckResult, type LabTarget } from '../lab/engine.ts';
import type { Step } from '../lab/schema.ts';
import { build_step, failed_checks, install_step, list_labs, load_lab, type Built, type DirWorkspace } from './labs.ts';
import { getToolchain, type ModuleBuilder } from './kwb-build.ts';
import { withFileLockSync, writeFileAtomicSync } from './atomic-file.ts';

export interface LabProgress { completed: string[]; hints: Record<string, number> }
export type ProgressFile = Record<string, LabProgress>;

/** Where progress lives: $KWB_CONFIG_DIR, else the user's config folder. */
export function progress_path(): string {
  const base = process.env.KWB_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'kernel-workbench');
  return join(base, 'lab-progress.json');
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The progress in a file, keeping only well-formed entries, in objects without a prototype:
 * a lab or step named `constructor` or `__proto__` is a key like any other.
 */
export function load_progress(path = progress_path()): ProgressFile {
  let data: unknown;
  try { data = JSON.parse(readFileSync(path, 'utf8')); } catch { data = null; }
  const out: ProgressFile = Object.create(null);
  if (!isRecord(data)) return out;
  for (const [lab, v] of Object.entries(data)) {
    if (!isRecord(v)) continue;
    const hints: Record<string, number> = Object.create(null);
    if (isRecord(v.hints)) for (const [step, n] of Object.entries(v.hints)) if (typeof n === 'number' && Number.isFinite(n)) hints[step] = n;
    out[lab] = { completed: Array.isArray(v.completed) ? v.completed.filter((c): c is string => typeof c === 'string') : [], hints };
  }
  return out;
}

/** Writes atomically and durably (unique temporary name, fsync, rename). */
export function save_progress(p: ProgressFile, path = progress_path()): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, JSON.stringify(p, null, 2));
}

/**
 * Read-modify-write of the progress file under its lock, so that two tabs (worker
 * threads) or two processes recording progress at once both keep their change.
 */
export function update_progress(change: (p: ProgressFile) => void, path = progress_path()): void {
  mkdirSync(dirname(path), { recursive: true });
  withFileLockSync(path, () => {
    const p = load_progress(path);
    change(p);
    save_progress(p, path);
  });
}

const entryOf = (p: ProgressFile, name: string): LabProgress => (p[name] ??= { completed: [], hints: Object.create(null) });

export function lab_list(): { name: string; title: string; summary: string; steps: { id: string; title: string }[] }[] {
  return list_labs().map((name) => {
    const { lab } = load_lab(name);
    return { name, title: lab.title, summary: lab.summary, steps: lab.steps.map((s) => ({ id: s.id, title: s.title })) };
  });
}

/** The workspace files a step needs: those its checks read and the C sources it builds (the client sends their text with a check). */
const step_files = (s: Step): string[] => [...new Set([...(s.files ?? []), ...s.modules.map((spec) => spec.trim().split(/\s+/)[0]!), ...s.programs])];

export function lab_get(name: string): { name: string; title: string; summary: string; objectives: string[]; steps: { id: string; title: string; text: string; hints: string[]; files: string[] }[]; starter: Record<string, string> } {
  const { lab, dir } = load_lab(name);
  const starter: Record<string, string> = {};
  for (const s of lab.steps) {
    for (const f of s.files ?? []) {
      const p = join(dir, 'starter', f);
      if (existsSync(p)) starter[f] = readFileSync(p, 'utf8');
    }
  }
  return { name, title: lab.title, summary: lab.summary, objectives: lab.objectives, steps: lab.steps.map((s) => ({ id: s.id, title: s.title, text: s.text, hints: s.hints, files: step_files(s) })), starter };
}

/**
 * Checks one step on the learner's live machine, doing there what the step's text says its check does: its C code
 * built from the workspace files the client sends and loaded (a loaded module of that name replaced, with the
 * step's parameters), the files under /root/work, its actions run; then its checks. A passing step is recorded in
 * the progress file.
 */
export async function lab_check_live(m: Machine, name: string, stepIndex: number, files: Record<string, string>, builder: () => ModuleBuilder | Promise<ModuleBuilder> = getToolchain): Promise<{ passed: boolean; results: CheckResult[] }> {
  const l = load_lab(name);
  const step = l.lab.steps[stepIndex];
  if (!step) throw new Error(`lab ${name} has no step ${stepIndex + 1}`);
  const running = () => m.info().state === 'running';
  const ws: DirWorkspace = { files: () => Object.keys(files), read: (p) => (Object.hasOwn(files, p) ? files[p]! : null) };
  let error: string | null = null;
  if (running()) {
    const built: Built | string = step.modules.length || step.programs.length ? await build_step(step, ws, await builder()) : { modules: [], programs: [] };
    error = typeof built === 'string' ? built : install_step(m, built, ws);
    if (!error) for (const a of step.actions) if (running()) m.runCommand(a);
  }
  const target: LabTarget = {
    run: (cmd) => (running() ? m.runCommand(cmd) : /^\s*dmesg\s*$/.test(cmd) ? { output: m.consoleLog().replace(/\r\n/g, '\n'), status: 0 } : { output: '', status: 255 }),
    trace: () => m.traceEvents(),
    info: () => m.info(),
  };
  const results = error ? failed_checks(step, error) : evaluate_step(step, target, ws);
  const passed = results.every((r) => r.passed);
  if (passed) {
    update_progress((p) => {
      const entry = entryOf(p, name);
      if (!entry.completed.includes(step.id)) entry.completed.push(step.id);
    });
  }
  return { passed, results };
}

export function lab_reset(name: string): void {
  update_progress((p) => { delete p[name]; });
}

export function lab_hint_shown(name: string, stepId: string, count: number): void {
  update_progress((p) => {
    const entry = entryOf(p, name);
    entry.hints[stepId] = Math.max(entry.hints[stepId] ?? 0, count);
  });
}
