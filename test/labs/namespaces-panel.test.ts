// The namespaces lab in the lab panel: lab.check on one running machine, as the panel sends it, passes the solution step after step and fails the starter's scripts with the lab's own messages.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dir_workspace, load_lab } from '../../kernel-sim/host/labs.ts';
import { scratchDirs } from '../fixtures/scratch.ts';
import { panelClient, stepFiles } from './panel-client.ts';

const lab = load_lab('namespaces', join(import.meta.dirname, '..', '..', 'labs'));
const solution = dir_workspace(join(lab.dir, 'solution'));
const starter = dir_workspace(join(lab.dir, 'starter'));

describe('namespaces lab in the lab panel (live checks on one machine)', () => {
  const tmp = scratchDirs();
  afterEach(() => { delete process.env.KWB_CONFIG_DIR; tmp.cleanup(); });

  it('the starter fails each step; the solution then passes every step in order on the same machine', async () => {
    process.env.KWB_CONFIG_DIR = tmp.make('kwb-progress-');
    const call = panelClient();
    await call('machine.boot', {});
    const steps = (await call('lab.get', { name: 'namespaces' })).steps as Array<{ id: string }>;
    expect(steps.map((s) => s.id)).toEqual(lab.lab.steps.map((s) => s.id));
    for (let i = 0; i < steps.length; i++) {
      const st = await call('lab.check', { name: 'namespaces', step: i, files: await stepFiles(call, 'namespaces', starter, i) });
      expect(st.passed, `starter passed step ${steps[i]!.id}`).toBe(false);
      const messages = new Set(lab.lab.steps[i]!.checks.map((c) => c.message));
      for (const r of st.results.filter((c: { passed: boolean }) => !c.passed)) expect(r.detail.length).toBeGreaterThan(0);
      expect(st.results.some((c: { passed: boolean; detail: string }) => !c.passed && [...messages].some((m) => m && c.detail.includes(m))), steps[i]!.id).toBe(true);
    }
    for (let i = 0; i < steps.length; i++) {
      const r = await call('lab.check', { name: 'namespaces', step: i, files: await stepFiles(call, 'namespaces', solution, i) });
      expect(r.results.filter((c: { passed: boolean }) => !c.passed), steps[i]!.id).toEqual([]);
    }
    expect((await call('lab.progress')).labs.namespaces.completed).toEqual(steps.map((s) => s.id));
  }, 900_000);
});
