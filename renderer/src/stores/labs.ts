// The labs store: a lab's text, steps, hints and check results behind a typed interface the lab engine (labs issue) will implement.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';

export interface LabStep {
  id: string;
  title: string;
  /** Markdown (rendered with HTML off). */
  body: string;
  hints: string[];
}

export interface Lab {
  id: string;
  title: string;
  /** Introduction, markdown. */
  intro: string;
  steps: LabStep[];
}

export type StepStatus = 'todo' | 'checking' | 'passed' | 'failed';
export interface CheckResult { passed: boolean; message: string }

/** What the lab engine provides. */
export interface LabEngine {
  list(): Promise<Array<{ id: string; title: string }>>;
  load(id: string): Promise<Lab>;
  check(labId: string, stepId: string): Promise<CheckResult>;
}

export const useLabsStore = defineStore('labs', () => {
  const engine = shallowRef<LabEngine | null>(null);
  const catalog = ref<Array<{ id: string; title: string }>>([]);
  const lab = ref<Lab | null>(null);
  const current = ref(0);
  const status = ref<Record<string, StepStatus>>({});
  const messages = ref<Record<string, string>>({});
  const hintsShown = ref<Record<string, number>>({});

  async function use(e: LabEngine): Promise<void> {
    engine.value = e;
    catalog.value = await e.list();
  }

  async function open(id: string): Promise<void> {
    if (!engine.value) return;
    lab.value = await engine.value.load(id);
    current.value = 0;
    status.value = Object.fromEntries(lab.value.steps.map((s) => [s.id, 'todo' as StepStatus]));
    messages.value = {};
    hintsShown.value = {};
  }

  const step = computed(() => lab.value?.steps[current.value] ?? null);

  function showHint(): void {
    const s = step.value;
    if (!s) return;
    hintsShown.value = { ...hintsShown.value, [s.id]: Math.min(s.hints.length, (hintsShown.value[s.id] ?? 0) + 1) };
  }

  async function check(): Promise<CheckResult | null> {
    const s = step.value;
    if (!s || !lab.value || !engine.value) return null;
    status.value = { ...status.value, [s.id]: 'checking' };
    let r: CheckResult;
    try { r = await engine.value.check(lab.value.id, s.id); } catch (err) { r = { passed: false, message: `check failed: ${err instanceof Error ? err.message : String(err)}` }; }
    status.value = { ...status.value, [s.id]: r.passed ? 'passed' : 'failed' };
    messages.value = { ...messages.value, [s.id]: r.message };
    return r;
  }

  function go(i: number): void { if (lab.value && i >= 0 && i < lab.value.steps.length) current.value = i; }

  return { engine, catalog, lab, current, step, status, messages, hintsShown, use, open, showHint, check, go };
});
