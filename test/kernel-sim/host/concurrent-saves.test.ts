// Nothing lost: many worker threads and a second process saving one workspace file, or recording lab progress, at the same time.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lockNameFor, tempNameFor, withFileLock, writeFileAtomic, SCRATCH_NAME } from '../../../kernel-sim/host/atomic-file.ts';
import { Workspace, WorkbenchError } from '../../../kernel-sim/host/workspace.ts';
import { load_progress } from '../../../kernel-sim/host/lab-service.ts';
import { contentOf, type WriterJob } from '../../fixtures/host/concurrent-writer.ts';
import { scratchDirs } from '../../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

const WRITER = new URL('../../fixtures/host/concurrent-writer.ts', import.meta.url);
const TSX = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));

/** Runs the writer fixture in a worker thread (through tsx's loader, registered inside it). */
function inWorker(job: WriterJob): Promise<{ errors: string[] }> {
  const api = pathToFileURL(join(TSX, 'dist/esm/api/index.mjs')).href;
  const w = new Worker(`import(${JSON.stringify(api)}).then((api) => { api.register(); return import(${JSON.stringify(WRITER.href)}); })`,
    { eval: true, workerData: { writerJob: job } });
  return new Promise((ok, fail) => { w.once('message', (r) => { ok(r); void w.terminate(); }); w.once('error', fail); });
}

/** Runs the writer fixture in another Node process. */
function inProcess(job: WriterJob): Promise<{ errors: string[] }> {
  return new Promise((ok, fail) => {
    execFile(process.execPath, ['--import', 'tsx', fileURLToPath(WRITER), JSON.stringify(job)], { cwd: join(TSX, '..', '..') }, (err, stdout, stderr) => {
      if (err) fail(new Error(`${err.message}\n${stderr}`)); else ok(JSON.parse(stdout));
    });
  });
}

const scratchLeft = (dir: string): string[] => readdirSync(dir).filter((n) => SCRATCH_NAME.test(n));

describe('atomic files', () => {
  it('gives every write its own temporary name, even many in one millisecond', () => {
    const names = Array.from({ length: 5000 }, () => tempNameFor('/w/edu.c'));
    expect(new Set(names).size).toBe(5000);
    for (const n of names.slice(0, 3)) expect(n).toMatch(/^\/w\/\.edu\.c\.kwb-\d+-\d+-[0-9a-f]{12}\.tmp$/);
  });

  it('two hundred unlocked saves of one file at once: no EEXIST, one complete content, no temporary file left', async () => {
    const dir = tmp.make('kwb-atomic-');
    const file = join(dir, 'f.c');
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => writeFileAtomic(file, contentOf(i, 0, 1000))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(Array.from({ length: 200 }, (_, i) => contentOf(i, 0, 1000))).toContain(text);
    expect(scratchLeft(dir)).toEqual([]);
  });

  it('runs the holders of one file lock one at a time', async () => {
    const dir = tmp.make('kwb-lock-');
    const file = join(dir, 'f');
    let inside = 0, most = 0;
    await Promise.all(Array.from({ length: 50 }, () => withFileLock(file, async () => {
      most = Math.max(most, ++inside);
      await new Promise((ok) => setImmediate(ok));
      inside--;
    })));
    expect(most).toBe(1);
    expect(scratchLeft(dir)).toEqual([]);
  });

  it('takes over a lock whose holder died (a worker terminated while holding it)', async () => {
    const dir = tmp.make('kwb-stale-');
    const file = join(dir, 'f');
    // A lock left by a process that no longer exists: pid 2^22+1 is above Linux's pid_max limit.
    writeFileSync(lockNameFor(file), `${2 ** 22 + 1} 0 dead\n`);
    await withFileLock(file, () => writeFileAtomic(file, 'after\n'));
    expect(readFileSync(file, 'utf8')).toBe('after\n');
    expect(scratchLeft(dir)).toEqual([]);
  });
});

describe('concurrent saves of one workspace file', () => {
  it('six worker threads and a second process, 20 saves each of 64 KiB: the file is one whole save, nobody gets an error', async () => {
    const root = tmp.make('kwb-saves-');
    mkdirSync(join(root, 'edu'));
    const job = (writer: number): WriterJob => ({ kind: 'save', root, file: 'edu/edu.c', writer, times: 20, bytes: 64 * 1024 });
    const ws = await Workspace.open(root);
    // Readers in this thread meanwhile: a rename is atomic, so every read is some whole save.
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        try { seen.add(await ws.read('edu/edu.c')); } catch (err) { if (!(err instanceof WorkbenchError && err.code === 'ENOENT')) throw err; }
        await new Promise((ok) => setTimeout(ok, 2));
      }
    })();
    const results = await Promise.all([...Array.from({ length: 6 }, (_, w) => inWorker(job(w))), inProcess(job(6))]);
    writing = false;
    await reader;
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const whole = new Set(Array.from({ length: 7 }, (_, w) => Array.from({ length: 20 }, (_, i) => contentOf(w, i, 64 * 1024))).flat());
    expect(whole.has(readFileSync(join(root, 'edu', 'edu.c'), 'utf8'))).toBe(true);
    for (const text of seen) expect(whole.has(text), `a torn read of ${text.length} characters`).toBe(true);
    expect(scratchLeft(join(root, 'edu'))).toEqual([]);
    expect((await ws.list()).map((e) => e.path)).toEqual(['edu', 'edu/edu.c']);
  }, 180_000);
});

describe('concurrent lab progress', () => {
  it('1,200 hints recorded at once by five worker threads and a second process: every one is kept', async () => {
    const configDir = tmp.make('kwb-progress-');
    const job = (writer: number): WriterJob => ({ kind: 'hints', configDir, writer, times: 200 });
    const results = await Promise.all([...Array.from({ length: 5 }, (_, w) => inWorker(job(w))), inProcess(job(5))]);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const progress = load_progress(join(configDir, 'lab-progress.json'));
    for (let w = 0; w < 6; w++) {
      expect(Object.keys(progress[`lab${w}`]!.hints)).toHaveLength(200);
      expect(progress[`lab${w}`]!.hints.step199).toBe(200);
    }
    expect(scratchLeft(configDir)).toEqual([]);
  }, 180_000);
});
