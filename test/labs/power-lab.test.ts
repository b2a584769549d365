// The power lab's checks tell a learner's half-done driver apart: each step fails when only its own piece is missing from the reference solution, with a message naming what to look at; the lab panel's live check (lab.check on one running machine) passes the solution step after step and fails the starter.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dir_workspace, grade_step, load_lab, type DirWorkspace } from '../../kernel-sim/host/labs.ts';
import { scratchDirs } from '../fixtures/scratch.ts';
import { panelClient, stepFiles } from './panel-client.ts';

const lab = load_lab('power', join(import.meta.dirname, '..', '..', 'labs'));
const solution = dir_workspace(join(lab.dir, 'solution'));
const starter = dir_workspace(join(lab.dir, 'starter'));
const BUILD_TIMEOUT = 600_000;

/** The solution with one function of edu_pm.c taken from the starter (the piece a learner has not written yet). */
function without(fn_start: string, fn_end: string): DirWorkspace {
  const cut = (text: string): [number, number] => [text.indexOf(fn_start), text.indexOf(fn_end)];
  const sol = solution.read('edu_pm.c')!;
  const st = starter.read('edu_pm.c')!;
  const [a, b] = cut(sol);
  const [c, d] = cut(st);
  expect(a >= 0 && b > a && c >= 0 && d > c).toBe(true);
  const text = sol.slice(0, a) + st.slice(c, d) + sol.slice(b);
  return { files: () => solution.files(), read: (p) => (p === 'edu_pm.c' ? text : solution.read(p)) };
}

const step = (id: string): number => lab.lab.steps.findIndex((s) => s.id === id);
async function failed(ws: DirWorkspace, id: string): Promise<string[]> {
  const r = await grade_step(lab, step(id), ws);
  return r.results.filter((c) => !c.passed).map((c) => c.detail);
}

describe('power lab', () => {
  it('a driver that never resumes edu around its register accesses fails resume-on-access: edu is not active right after the read', async () => {
    const f = await failed(without('static ssize_t liveness_show', 'static DEVICE_ATTR_RW'), 'resume-on-access');
    expect(f.some((d) => d.includes('/root/status-after') || d.includes('a resume leaves it in'))).toBe(true);
    expect(f.some((d) => d.includes('runtime_resume callback never ran'))).toBe(true);
  }, BUILD_TIMEOUT);

  it('a driver whose dev_pm_ops is empty fails system-sleep and cannot fail a suspend on purpose', async () => {
    const ws = without('static const struct dev_pm_ops edu_pm_ops', 'static ssize_t liveness_show');
    expect((await failed(ws, 'system-sleep')).some((d) => d.includes('suspend callback did not run'))).toBe(true);
    expect((await failed(ws, 'failed-suspend')).some((d) => d.includes('No device failed to suspend'))).toBe(true);
  }, BUILD_TIMEOUT);

  it('a probe that keeps the PCI core\'s usage count fails autosuspend: edu stays active', async () => {
    const sol = solution.read('edu_pm.c')!;
    const kept = sol.replace('\tpm_runtime_put_autosuspend(&pdev->dev);\n\n\tdev_info(&pdev->dev, "probed\\n");', '\tdev_info(&pdev->dev, "probed\\n");');
    expect(kept).not.toBe(sol);
    const ws: DirWorkspace = { files: () => solution.files(), read: (p) => (p === 'edu_pm.c' ? kept : solution.read(p)) };
    expect((await failed(ws, 'autosuspend')).some((d) => d.includes('did not runtime-suspend after the delay'))).toBe(true);
  }, BUILD_TIMEOUT);
});

describe('power lab in the lab panel (live checks on one machine)', () => {
  const tmp = scratchDirs();
  afterEach(() => { delete process.env.KWB_CONFIG_DIR; tmp.cleanup(); });

  it('the solution passes every step in order on the learner\'s machine after their own Build & Load; the starter fails step 2', async () => {
    process.env.KWB_CONFIG_DIR = tmp.make('kwb-progress-');
    const call = panelClient();
    await call('machine.boot', {});
    const l = await call('lab.get', { name: 'power' });
    // Step 3 builds edu_pm.c though its checks read no file: the panel sends the source with it.
    expect(l.steps[step('resume-on-access')].files).toEqual(['edu_pm.c']);
    const answers = { 'answers/mem-sleep.txt': 'deep\n', 'answers/edu-control.txt': 'on\n' };
    expect((await call('lab.check', { name: 'power', step: 0, files: answers })).passed).toBe(true);
    // The starter's driver, loaded by the check: edu never suspends.
    const st = await call('lab.check', { name: 'power', step: 1, files: await stepFiles(call, 'power', starter, 1) });
    expect(st.passed).toBe(false);
    expect(st.results.filter((r: { passed: boolean }) => !r.passed).map((r: { detail: string }) => r.detail).join('\n')).toMatch(/did not runtime-suspend after the delay/);
    // The learner's Build & Load of the solution first: the check replaces that module with its own load.
    const loaded = await call('module.load', { files: [{ path: 'edu_pm.c', text: solution.read('edu_pm.c') }] });
    expect(loaded.loaded).toBe(true);
    for (let i = 1; i < l.steps.length; i++) {
      // Step 5 loads edu_pm with fail_suspend=1; the learner unloads it before the RTC wake, as step 6 says.
      if (l.steps[i].id === 'rtc-wake') expect((await call('module.unload', { name: 'edu_pm' })).unloaded).toBe(true);
      const r = await call('lab.check', { name: 'power', step: i, files: await stepFiles(call, 'power', solution, i) });
      expect(r.results.filter((c: { passed: boolean }) => !c.passed), l.steps[i].id).toEqual([]);
    }
    expect((await call('lab.progress')).labs.power.completed).toEqual(l.steps.map((s: { id: string }) => s.id));
  }, BUILD_TIMEOUT);
});
