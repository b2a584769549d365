// Labs: the format's line:column errors, every lab's reference solution passing, and its starter failing what it should.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse_lab } from '../../kernel-sim/lab/schema.ts';
import { list_labs, load_lab, grade_step, dir_workspace } from '../../kernel-sim/host/labs.ts';
import { main } from '../../kernel-sim/host/cli.ts';
import { scratchDirs } from '../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

const LABS = join(import.meta.dirname, '..', '..', 'labs');
/** Steps that load modules build C with clang in WebAssembly: a cold first build takes tens of seconds. */
const BUILD_TIMEOUT = 600_000;

async function kwb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('lab file format', () => {
  const base = (steps: string) => `title: T\nsummary: S\nobjectives: [o]\nsteps:\n${steps}`;

  it('accepts a well-formed lab', () => {
    const r = parse_lab(base('  - id: one\n    title: One\n    text: Do it\n    checks:\n      - dmesg: "Linux"\n'));
    expect(r.ok).toBe(true);
  });

  it('points at the line and column of a schema error', () => {
    const r = parse_lab(base('  - id: one\n    title: One\n    text: Do it\n    checks:\n      - dmseg: "Linux"\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ line: 9 });
    expect(r.errors[0].column).toBeGreaterThan(1);
  });

  it('reports a missing field at its parent', () => {
    const r = parse_lab(base('  - id: one\n    title: One\n    checks:\n      - dmesg: "Linux"\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.line === 5 && /text/.test(e.message))).toBe(true);
  });

  it('reports YAML syntax errors with their position', () => {
    const r = parse_lab('title: [unclosed\nsummary: x\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].line).toBeGreaterThanOrEqual(1);
    expect(r.errors[0].message.length).toBeGreaterThan(0);
  });

  it('rejects bad step ids and steps without checks', () => {
    const r = parse_lab(base('  - id: One Step\n    title: One\n    text: t\n    checks: []\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/lowercase/);
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/at least one check/);
  });
});

describe.each(list_labs(LABS))('lab %s', (name) => {
  const lab = load_lab(name, LABS);

  it('its reference solution passes every check', async () => {
    const ws = dir_workspace(join(lab.dir, 'solution'));
    for (let i = 0; i < lab.lab.steps.length; i++) {
      const r = await grade_step(lab, i, ws);
      const failed = r.results.filter((c) => !c.passed);
      expect(failed, `step ${i + 1} ${r.step.id}: ${failed.map((f) => `${f.label}: ${f.detail}`).join('; ')}`).toEqual([]);
    }
  }, BUILD_TIMEOUT);

  it('its starter fails every step that needs the learner', async () => {
    const ws = dir_workspace(join(lab.dir, 'starter'));
    for (let i = 0; i < lab.lab.steps.length; i++) {
      const r = await grade_step(lab, i, ws);
      expect(r.results.some((c) => !c.passed), `step ${i + 1} ${r.step.id} passes with the starter files`).toBe(true);
    }
  }, BUILD_TIMEOUT);
});

describe('grading without a machine', () => {
  it('grades a step whose checks all read the workspace without booting; a step that looks at the machine boots it', async () => {
    // The lab's own machine does not boot (a syntax error): only a step that needs it can notice.
    const root = tmp.make('kwb-lab-nomachine-');
    const dir = join(root, 'nomachine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'broken.dts'), '/dts-v1/;\n/ {\n');
    writeFileSync(join(dir, 'lab.yaml'), [
      'title: T', 'summary: S', 'objectives: [o]', 'machine: broken.dts', 'steps:',
      '  - id: answer', '    title: An answer', '    text: Write it', '    checks:', '      - workspace: answer.txt', '        matches: "^42$"',
      '  - id: look', '    title: A look', '    text: Look', '    checks:', '      - run: uname -r', '      - workspace: answer.txt', '        matches: "^42$"',
    ].join('\n') + '\n');
    const ws = tmp.make('kwb-lab-nomachine-ws-');
    writeFileSync(join(ws, 'answer.txt'), '42\n');
    const l = load_lab('nomachine', root);
    const answer = await grade_step(l, 0, dir_workspace(ws));
    expect(answer.results.map((r) => r.passed)).toEqual([true]);
    const look = await grade_step(l, 1, dir_workspace(ws));
    expect(look.results.map((r) => r.passed)).toEqual([false, false]);
    expect(look.error).toMatch(/^the machine did not boot: /);
  });
});

describe('kwb lab', () => {
  it('lists the labs with their titles', async () => {
    const r = await kwb('lab', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^boot\s+Boot: from power-on to a shell$/m);
  });

  it('shows a lab', async () => {
    const r = await kwb('lab', 'show', 'boot');
    expect(r.out).toContain('Objectives:');
    expect(r.out).toMatch(/^ {2}1\. start_kernel's phases \(3 checks\)$/m);
  });

  it('checks a workspace, one line per check, and writes JUnit', async () => {
    const dir = tmp.make('kwb-lab-');
    const junit = join(dir, 'report.xml');
    const ok = await kwb('lab', 'check', 'boot', '--workspace', join(LABS, 'boot', 'solution'), '--step', '2', '--junit', junit);
    expect(ok.out).toMatch(/^ {2}PASS {2}a line in the kernel log$/m);
    expect(ok.out).toMatch(/3 checks: 3 passed, 0 failed/);
    expect(ok.code).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="boot" tests="3" failures="0">');
    const bad = await kwb('lab', 'check', 'boot', '--workspace', join(LABS, 'boot', 'starter'), '--step', '2');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAIL {2}your file answers\/slowest-initcall\.txt\n {8}your answer in answers\/slowest-initcall\.txt is not what this step asks for/);
    expect(bad.out).not.toContain('populate_rootfs');
  });

  it('explains unknown labs and bad steps', async () => {
    expect((await kwb('lab', 'check', 'nosuch')).err).toContain("no lab named 'nosuch'");
    expect((await kwb('lab', 'check', 'boot', '--step', '99')).code).toBe(2);
  });
});
