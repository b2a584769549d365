// The labs as the UI uses them through the protocol: list, text, live checks against the running machine, progress on disk.
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelService } from '../../kernel-sim/host/service.ts';
import type { ServerMessage } from '../../kernel-sim/api/protocol.ts';
import { scratchDirs } from '../fixtures/scratch.ts';

function client() {
  const replies: ServerMessage[] = [];
  const svc = new KernelService((m) => replies.push(m));
  let id = 0;
  const call = async (method: string, params: unknown = {}) => {
    const my = ++id;
    svc.receive({ type: 'request', id: my, method, params });
    for (let i = 0; i < 100; i++) {
      const r = replies.find((m) => m.type === 'response' && m.id === my);
      if (r && r.type === 'response') { if (!r.ok) throw new Error(r.error.message); return r.result as any; }
      await new Promise((res) => setTimeout(res, 5));
    }
    throw new Error('no reply');
  };
  return { call, svc };
}

describe('labs over the protocol', () => {
  let dir: string;
  const tmp = scratchDirs();
  beforeEach(() => {
    dir = tmp.make('kwb-progress-');
    process.env.KWB_CONFIG_DIR = dir;
  });
  afterEach(() => { delete process.env.KWB_CONFIG_DIR; tmp.cleanup(); });

  it('lists labs and gives a lab’s text, steps and hints', async () => {
    const { call } = client();
    const list = await call('lab.list');
    expect(list.labs.map((l: { name: string }) => l.name)).toContain('boot');
    const boot = await call('lab.get', { name: 'boot' });
    expect(boot.steps[0]).toMatchObject({ id: 'phases', title: "start_kernel's phases" });
    expect(boot.steps[0].text).toContain('start_kernel()');
    expect(boot.steps[1].hints.length).toBeGreaterThan(0);
  });

  it('checks a step live, records it as done, and resets', async () => {
    const { call } = client();
    await call('machine.boot', {});
    const wrong = await call('lab.check', { name: 'boot', step: 0, files: { 'answers/longest-phase.txt': 'sched_init' } });
    expect(wrong.passed).toBe(false);
    // The learner hears what is wrong and where to look, never the answer.
    const detail = wrong.results.find((r: { passed: boolean }) => !r.passed).detail;
    expect(detail).toMatch(/^your answer in answers\/longest-phase\.txt is not what this step asks for; it shows: "sched_init"; Compare the widths/);
    expect(detail).not.toContain('arch_cpu_finalize_init');
    expect((await call('lab.progress')).labs.boot).toBeUndefined();
    const right = await call('lab.check', { name: 'boot', step: 0, files: { 'answers/longest-phase.txt': 'arch_cpu_finalize_init\n' } });
    expect(right.passed).toBe(true);
    expect((await call('lab.progress')).labs.boot.completed).toEqual(['phases']);
    // Progress survives a restart of the host: it is on disk.
    expect(JSON.parse(readFileSync(join(dir, 'lab-progress.json'), 'utf8')).boot.completed).toEqual(['phases']);
    await call('lab.hint', { name: 'boot', step: 'initcalls', shown: 2 });
    expect((await call('lab.progress')).labs.boot.hints).toEqual({ initcalls: 2 });
    await call('lab.reset', { name: 'boot' });
    expect((await call('lab.progress')).labs.boot).toBeUndefined();
  });

  it('refuses an unknown lab with an error reply', async () => {
    const { call } = client();
    await expect(call('lab.get', { name: 'nosuch' })).rejects.toThrow(/no lab named 'nosuch'/);
    await expect(call('lab.get', { name: '../etc' })).rejects.toThrow(/bad params/);
  });
});
