// `npm test`: lint (eslint and the import-cycle check), the type check, the vitest projects, then the end-to-end suite in
// web mode; prints each one's summary and fails if any fails.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './build.js';

const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Runs vitest with its output shown live; resolves to its exit code and summary lines. */
function vitest(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, ...args], { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => {
      const lines = stripAnsi(out).split('\n').map((l) => l.trim());
      const summary = ['Test Files', 'Tests', 'Errors'].map((k) => lines.filter((l) => l.startsWith(k + ' ')).at(-1)).filter(Boolean);
      resolve({ code: code ?? 1, summary });
    });
  });
}

/** Runs one of package.json's scripts with its output shown live; its summary is its last line of output on failure. */
function npmScript(name) {
  // Under npm, npm_execpath is npm's own CLI script, run by this node: no shell, the same on every platform.
  const [cmd, args] = process.env.npm_execpath
    ? [process.execPath, [process.env.npm_execpath, 'run', '-s', name]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', name]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'], shell: !process.env.npm_execpath && process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('error', (err) => { out += String(err); });
    child.on('close', (code) => {
      const last = stripAnsi(out).split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
      resolve({ code: code ?? 1, summary: code === 0 ? ['no problems'] : [last ?? `exit code ${code}`] });
    });
  });
}

const results = [];
console.log('── npm test: lint (npm run lint: eslint, import cycles) ──');
results.push({ name: 'lint (npm run lint)', ...(await npmScript('lint')) });

console.log('\n── npm test: type check (npm run typecheck) ──');
results.push({ name: 'type check (npm run typecheck)', ...(await npmScript('typecheck')) });

console.log('\n── npm test: vitest projects (vitest run) ──');
results.push({ name: 'unit and integration (vitest run)', ...(await vitest(['run'])) });

console.log('\n── npm test: end-to-end in web mode (vitest run --config vitest.e2e.config.ts) ──');
try {
  await ensureBuilt({ quiet: true });
  results.push({ name: 'end-to-end (vitest.e2e.config.ts)', ...(await vitest(['run', '--config', 'vitest.e2e.config.ts'])) });
} catch (err) {
  console.error(`build failed, so the end-to-end suite cannot run: ${err?.stack ?? err}`);
  results.push({ name: 'end-to-end (vitest.e2e.config.ts)', code: 1, summary: ['build failed'] });
}

console.log('\n── npm test summary ──');
for (const r of results) {
  console.log(`${r.code === 0 ? 'PASS' : 'FAIL'}  ${r.name}`);
  for (const line of r.summary.length ? r.summary : ['(no summary printed)']) console.log(`      ${line}`);
}
// One plain closing line that any CI reads: "N passed, N failed" over both suites (a failed lint or type check counts one).
let passed = 0, failed = 0;
for (const r of results) {
  const tests = r.summary.find((l) => l.startsWith('Tests '));
  passed += Number(/(\d+) passed/.exec(tests ?? '')?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(tests ?? '')?.[1] ?? 0) + (r.code !== 0 && !/failed/.test(tests ?? '') ? 1 : 0);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
