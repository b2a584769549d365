// `kwb lab`: list and show guided labs, and check a workspace against a lab (what teachers run in CI).
import { writeFileSync } from 'node:fs';
import type { CliIO } from './cli.ts';
import { grade_step, list_labs, load_lab, dir_workspace, LabError, type StepResult } from './labs.ts';
import { getToolchain, type ModuleBuilder } from './kwb-build.ts';

const HELP = `Usage: kwb lab <command>

  list                          the labs and their titles
  show NAME                     a lab's objectives and steps
  check NAME [--workspace DIR] [--step N] [--junit FILE]
                                boot the lab's machine for each step, build and load
                                the workspace's code as the step prescribes, run every
                                check, print one line per check; exit 0 only if all pass

Options of check:
  --workspace DIR   the learner's files (default: the current directory)
  --step N          only step N (1-based)
  --junit FILE      also write the results as JUnit XML (for CI)
`;

const xml = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

function junit(lab: string, steps: StepResult[]): string {
  const cases = steps.flatMap((s) => s.results.map((r) => ({ step: s, r })));
  const failures = cases.filter((c) => !c.r.passed).length;
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${cases.length}" failures="${failures}">\n  <testsuite name="${xml(lab)}" tests="${cases.length}" failures="${failures}">\n`;
  for (const { step, r } of cases) {
    out += `    <testcase classname="${xml(`${lab}.${step.index + 1}-${step.step.id}`)}" name="${xml(r.label)}"`;
    out += r.passed ? '/>\n' : `>\n      <failure message="${xml(r.detail)}"/>\n    </testcase>\n`;
  }
  return out + '  </testsuite>\n</testsuites>\n';
}

export async function kwbLab(argv: string[], io: CliIO, builder?: ModuleBuilder): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '-h' || sub === '--help') { io.out(HELP); return sub ? 0 : 2; }
  try {
    if (sub === 'list') {
      for (const name of list_labs()) {
        const l = load_lab(name);
        io.out(`${name.padEnd(16)} ${l.lab.title}\n`);
      }
      return 0;
    }
    if (sub === 'show') {
      if (!rest[0]) { io.err('kwb lab show: which lab? (kwb lab list)\n'); return 2; }
      const { lab } = load_lab(rest[0]);
      io.out(`${lab.title}\n\n${lab.summary.trim()}\n\nObjectives:\n${lab.objectives.map((o) => `  - ${o}`).join('\n')}\n\nSteps:\n`);
      lab.steps.forEach((s, i) => io.out(`  ${i + 1}. ${s.title} (${s.checks.length} check${s.checks.length === 1 ? '' : 's'})\n`));
      return 0;
    }
    if (sub === 'check') {
      let name: string | undefined, wsDir = process.cwd(), only: number | undefined, junitFile: string | undefined;
      for (let i = 0; i < rest.length; i++) {
        const a = rest[i];
        if (a === '--workspace') wsDir = rest[++i] ?? '';
        else if (a === '--step') only = Number(rest[++i]);
        else if (a === '--junit') junitFile = rest[++i];
        else if (!a.startsWith('-') && !name) name = a;
        else { io.err(`kwb lab check: unknown option '${a}'\n`); return 2; }
      }
      if (!name) { io.err('kwb lab check: which lab? (kwb lab list)\n'); return 2; }
      const l = load_lab(name);
      if (only !== undefined && !(Number.isInteger(only) && only >= 1 && only <= l.lab.steps.length)) {
        io.err(`kwb lab check: --step takes 1 to ${l.lab.steps.length}\n`);
        return 2;
      }
      const ws = dir_workspace(wsDir);
      // The first steps of a lab often build nothing: let the compiler start meanwhile.
      const chosen = l.lab.steps.filter((_, i) => only === undefined || i === only - 1);
      if (chosen.some((s) => s.modules.length || s.programs.length)) (builder ?? getToolchain()).prepare?.();
      io.out(`${l.lab.title}\n`);
      const steps: StepResult[] = [];
      for (let i = 0; i < l.lab.steps.length; i++) {
        if (only !== undefined && i !== only - 1) continue;
        const s = await grade_step(l, i, ws, { builder });
        steps.push(s);
        io.out(`\nstep ${i + 1} ${s.step.id}: ${s.step.title}\n`);
        for (const r of s.results) io.out(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.label}${r.passed ? '' : `\n        ${r.detail}`}\n`);
      }
      const all = steps.flatMap((s) => s.results);
      const failed = all.filter((r) => !r.passed).length;
      io.out(`\n${all.length} checks: ${all.length - failed} passed, ${failed} failed\n`);
      if (junitFile) writeFileSync(junitFile, junit(name, steps));
      return failed === 0 ? 0 : 1;
    }
    io.err(`kwb lab: unknown command '${sub}'\n\n${HELP}`);
    return 2;
  } catch (e) {
    if (e instanceof LabError) { io.err(`${e.message}\n`); return 1; }
    throw e;
  }
}
