// The labs store: a lab's text, steps and hints, live checks through the kernel host's lab engine, and progress the host keeps per user.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { KernelClient } from '../kernel/client.ts';
import type { WorkspaceHost } from '../workspace/host.ts';

export interface LabStep {
  id: string;
  title: string;
  /** Markdown (rendered with HTML off). */
  body: string;
  hints: string[];
  /** Workspace files the step's checks read (relative to the lab's folder). */
  files: string[];
}

export interface Lab {
  id: string;
  title: string;
  /** Introduction, markdown. */
  intro: string;
  steps: LabStep[];
  /** Starter files by path, placed in the lab's workspace folder when missing. */
  starter: Record<string, string>;
}

export type StepStatus = 'todo' | 'checking' | 'passed' | 'failed';
export interface CheckResult { passed: boolean; message: string }
export interface LabProgress { completed: string[]; hints: Record<string, number> }

/** What the lab engine provides. */
export interface LabEngine {
  list(): Promise<Array<{ id: string; title: string; steps: number }>>;
  load(id: string): Promise<Lab>;
  progress(id: string): Promise<LabProgress>;
  check(lab: Lab, stepIndex: number): Promise<CheckResult>;
  hint(labId: string, stepId: string, shown: number): Promise<void>;
  reset(labId: string): Promise<void>;
}

/** Where a lab's files live in the learner's workspace. */
export const labFolder = (id: string): string => `labs/${id}`;

/** The lab open last time (reopened when the engine connects). */
export const LAB_KEY = 'kwb.lab.v1';
const storage = (): Storage | undefined => { try { return globalThis.localStorage; } catch { return undefined; } };

/** The engine of the kernel host (lab.* methods); a step's files are read from the workspace and sent with the check. */
export function protocolEngine(client: KernelClient, workspace: () => WorkspaceHost | null): LabEngine {
  return {
    list: async () => (await client.request('lab.list', {})).labs.map((l) => ({ id: l.name, title: l.title, steps: l.steps.length })),
    load: async (id) => {
      const l = await client.request('lab.get', { name: id });
      return { id: l.name, title: l.title, intro: l.summary, starter: l.starter, steps: l.steps.map((s) => ({ id: s.id, title: s.title, body: s.text, hints: s.hints, files: s.files })) };
    },
    progress: async (id) => (await client.request('lab.progress', {})).labs[id] ?? { completed: [], hints: {} },
    check: async (lab, stepIndex) => {
      const files: Record<string, string> = {};
      const ws = workspace();
      for (const f of lab.steps[stepIndex]?.files ?? []) {
        try { if (ws) files[f] = await ws.read(`${labFolder(lab.id)}/${f}`); } catch { /* missing: the check says so */ }
      }
      const r = await client.request('lab.check', { name: lab.id, step: stepIndex, files });
      const lines = r.results.map((c) => (c.passed ? `✓ ${c.label}` : `✗ ${c.label}: ${c.detail}`));
      return { passed: r.passed, message: lines.join('\n') };
    },
    hint: async (labId, stepId, shown) => { await client.request('lab.hint', { name: labId, step: stepId, shown }); },
    reset: async (labId) => { await client.request('lab.reset', { name: labId }); },
  };
}

export const useLabsStore = defineStore('labs', () => {
  const engine = shallowRef<LabEngine | null>(null);
  const catalog = ref<Array<{ id: string; title: string; steps: number }>>([]);
  const lab = ref<Lab | null>(null);
  const current = ref(0);
  const status = ref<Record<string, StepStatus>>({});
  const messages = ref<Record<string, string>>({});
  const hintsShown = ref<Record<string, number>>({});
  const error = ref<string | null>(null);
  /** Writes starter files into the workspace (set by the app; none in tests that don't need it). */
  const placeFiles = shallowRef<((files: Record<string, string>) => Promise<void>) | null>(null);
  /** Shows the lab's text as a document tab (set by the app). */
  const showDocument = shallowRef<(() => void) | null>(null);
  /** Opens a workspace file in the editor (set by the app). */
  const openInEditor = shallowRef<((path: string) => Promise<void>) | null>(null);
  /** The step that passed last, for the "passed, on to the next step" note; cleared when another check runs. */
  const lastPassed = ref<string | null>(null);

  async function use(e: LabEngine): Promise<void> {
    engine.value = e;
    try { catalog.value = await e.list(); error.value = null; } catch (err) { error.value = String(err instanceof Error ? err.message : err); return; }
    const saved = storage()?.getItem(LAB_KEY);
    if (saved && !lab.value && catalog.value.some((l) => l.id === saved)) await open(saved, { show: false }).catch(() => {});
  }

  /** Opens a lab at its first step not done yet, places its starter files, and shows its text as a document tab. */
  async function open(id: string, { show = true }: { show?: boolean } = {}): Promise<void> {
    if (!engine.value) return;
    const l = await engine.value.load(id);
    const p = await engine.value.progress(id).catch(() => ({ completed: [], hints: {} }) as LabProgress);
    lab.value = l;
    status.value = Object.fromEntries(l.steps.map((s) => [s.id, (p.completed.includes(s.id) ? 'passed' : 'todo') as StepStatus]));
    messages.value = {};
    hintsShown.value = { ...p.hints };
    // Resume at the first step not done yet.
    const next = l.steps.findIndex((s) => !p.completed.includes(s.id));
    current.value = next < 0 ? l.steps.length - 1 : next;
    lastPassed.value = null;
    try { storage()?.setItem(LAB_KEY, id); } catch { /* not kept */ }
    if (show) showDocument.value?.();
    if (placeFiles.value && Object.keys(l.starter).length) {
      await placeFiles.value(Object.fromEntries(Object.entries(l.starter).map(([f, t]) => [`${labFolder(l.id)}/${f}`, t])));
    }
  }

  function close(): void {
    lab.value = null;
    try { storage()?.removeItem(LAB_KEY); } catch { /* nothing kept */ }
  }

  const step = computed(() => lab.value?.steps[current.value] ?? null);
  const done = computed(() => Object.values(status.value).filter((s) => s === 'passed').length);

  function showHint(): void {
    const s = step.value;
    if (!s || !lab.value) return;
    const shown = Math.min(s.hints.length, (hintsShown.value[s.id] ?? 0) + 1);
    hintsShown.value = { ...hintsShown.value, [s.id]: shown };
    void engine.value?.hint(lab.value.id, s.id, shown).catch(() => {});
  }

  async function check(): Promise<CheckResult | null> {
    const s = step.value;
    if (!s || !lab.value || !engine.value) return null;
    status.value = { ...status.value, [s.id]: 'checking' };
    lastPassed.value = null;
    let r: CheckResult;
    try { r = await engine.value.check(lab.value, current.value); } catch (err) { r = { passed: false, message: `check failed: ${err instanceof Error ? err.message : String(err)}` }; }
    status.value = { ...status.value, [s.id]: r.passed ? 'passed' : 'failed' };
    messages.value = { ...messages.value, [s.id]: r.message };
    // A pass moves on to the next step not done yet (its text is what the learner needs now).
    if (r.passed && lab.value) {
      lastPassed.value = s.id;
      const steps = lab.value.steps;
      const after = steps.findIndex((x, i) => i > current.value && status.value[x.id] !== 'passed');
      if (after >= 0) current.value = after;
    }
    return r;
  }

  async function reset(): Promise<void> {
    if (!lab.value || !engine.value) return;
    await engine.value.reset(lab.value.id);
    await open(lab.value.id);
  }

  function go(i: number): void { if (lab.value && i >= 0 && i < lab.value.steps.length) { current.value = i; lastPassed.value = null; } }

  /** Opens one of the step's files (relative to the lab's folder) in the editor. */
  async function openFile(file: string): Promise<void> {
    if (lab.value) await openInEditor.value?.(`${labFolder(lab.value.id)}/${file}`);
  }

  return {
    engine, catalog, lab, current, step, done, status, messages, hintsShown, error, placeFiles, showDocument, openInEditor, lastPassed,
    use, open, close, showHint, check, reset, go, openFile,
  };
});
