// Lab progress on disk: read-modify-write under the file's lock, any lab or step name (constructor, __proto__) is a plain key, a damaged file reads as what it still holds.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lab_hint_shown, lab_reset, load_progress, update_progress } from '../../../kernel-sim/host/lab-service.ts';
import { scratchDirs } from '../../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

function withConfigDir<T>(fn: (file: string) => T): T {
  const dir = tmp.make('kwb-progress-');
  const saved = process.env.KWB_CONFIG_DIR;
  process.env.KWB_CONFIG_DIR = dir;
  try { return fn(join(dir, 'lab-progress.json')); } finally { if (saved === undefined) delete process.env.KWB_CONFIG_DIR; else process.env.KWB_CONFIG_DIR = saved; }
}

describe('lab progress file', () => {
  it('takes any lab and step name as a key, constructor and __proto__ included', () => withConfigDir((file) => {
    lab_hint_shown('constructor', 'toString', 2);
    lab_hint_shown('__proto__', '__proto__', 1);
    lab_hint_shown('constructor', 'toString', 1);
    const p = load_progress(file);
    const ctor: string = 'constructor';
    expect(p[ctor]!.hints.toString).toBe(2);
    expect(Object.keys(p)).toEqual(['constructor', '__proto__']);
    expect(readFileSync(file, 'utf8')).toContain('"__proto__": {\n    "completed": [],\n    "hints": {\n      "__proto__": 1\n    }');
    expect(({} as Record<string, unknown>).completed).toBeUndefined();
    lab_reset('constructor');
    expect(Object.keys(load_progress(file))).toEqual(['__proto__']);
  }));

  it('reads a damaged file as the well-formed entries it holds', () => withConfigDir((file) => {
    writeFileSync(file, JSON.stringify({ boot: { completed: ['a', 3], hints: { s: 2, t: 'x' } }, bad: 7, worse: null }));
    expect(JSON.parse(JSON.stringify(load_progress(file)))).toEqual({ boot: { completed: ['a'], hints: { s: 2 } } });
    writeFileSync(file, '{"boot": {');
    expect(Object.keys(load_progress(file))).toEqual([]);
  }));

  it('keeps a change made under the lock and leaves no scratch file beside the progress', () => withConfigDir((file) => {
    update_progress((p) => { p.boot = { completed: ['phases'], hints: {} }; });
    update_progress((p) => { p.boot!.completed.push('initcalls'); });
    expect(load_progress(file).boot!.completed).toEqual(['phases', 'initcalls']);
    expect(readdirSync(join(file, '..'))).toEqual(['lab-progress.json']);
  }));
});
