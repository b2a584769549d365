// Every check of every lab, failed on purpose with wrong answers, says what is wrong and where to look without printing the expected answer (a value, a text, a regular expression or a fact from the machine).
import { describe, expect, it } from 'vitest';
import { evaluate_check, type LabTarget } from '../../kernel-sim/lab/engine.ts';
import type { Check } from '../../kernel-sim/lab/schema.ts';
import { list_labs, load_lab } from '../../kernel-sim/host/labs.ts';
import type { MachineInfo, TraceEvent } from '../../kernel-sim/api/protocol.ts';

/** The facts the fake machine computes (lab_fact reads them from its trace). */
const FACTS = ['fake_slowest_initcall_fn', 'fake_longest_boot_phase', '6.1.0-fake-release'];

/** A machine where everything exists but nothing is right: files and commands print a wrong answer, the log and trace lack what steps want. */
function wrongMachine(files: 'exist' | 'missing', status = 0): LabTarget {
  const trace: TraceEvent[] = [
    { cat: 'initcall', name: FACTS[0]!, ph: 'X', ts: 10, dur: 500, pid: 1, tid: 1 },
    { cat: 'boot', name: FACTS[1]!, ph: 'X', ts: 1, dur: 900, pid: 0, tid: 0 },
    { cat: 'boot', name: 'rest_init', ph: 'X', ts: 2000, dur: 1, pid: 0, tid: 0 },
  ] as TraceEvent[];
  return {
    run: (cmd) => {
      if (cmd.startsWith('test -e ')) return { output: files === 'exist' ? 'yes\n' : 'no\n', status: 0 };
      if (cmd === 'dmesg') return { output: '[    0.000000] an unrelated kernel line\n', status: 0 };
      return { output: 'a wrong answer\n', status };
    },
    trace: () => trace,
    info: () => ({ state: 'halted', bootCount: 7, release: FACTS[2]!, uptimeNs: 1, modules: [], taint: 0 }) as unknown as MachineInfo,
  };
}

/** The strings a failed check must not print: what it wants, unless the check's own command or path shows it anyway. */
function secrets(c: Check): string[] {
  const out: string[] = [];
  const add = (s: unknown) => { if (typeof s === 'string' && s.trim().length >= 2) out.push(s.trim()); };
  const r = c as Record<string, unknown>;
  for (const k of ['equals', 'contains', 'matches', 'output_equals', 'output_contains', 'output_matches', 'dmesg']) add(r[k]);
  if ('trace' in c) for (const v of Object.values(c.trace.args ?? {})) add(String(v));
  if ('machine' in c) add(c.machine);
  if ('workspace' in c && c.equals_fact) out.push(...FACTS);
  const where = 'run' in c ? c.run : 'file' in c ? c.file : '';
  return out.filter((s) => !where.includes(s));
}

const labs = list_labs().map((name) => load_lab(name));

describe('lab check messages', () => {
  it('finds the labs and their checks', () => {
    expect(labs.map((l) => l.name)).toEqual(expect.arrayContaining(['boot', 'buses', 'chardev', 'io-schedulers', 'namespaces', 'pci-probe', 'power']));
    expect(labs.flatMap((l) => l.lab.steps.flatMap((s) => s.checks)).length).toBeGreaterThan(40);
  });

  for (const l of labs) {
    it(`${l.name}: every failing check says what is wrong and where to look, never the expected answer`, () => {
      const leaks: string[] = [];
      let failures = 0;
      for (const step of l.lab.steps) {
        for (const c of step.checks) {
          for (const target of [wrongMachine('exist'), wrongMachine('missing'), wrongMachine('exist', 1)]) {
            const r = evaluate_check(c, target, { read: () => 'a wrong answer\n' });
            if (r.passed) continue;
            failures++;
            const text = `${r.label}\n${r.detail}`;
            expect(r.detail.length, `${l.name}/${step.id}: ${r.label}`).toBeGreaterThan(20);
            for (const s of secrets(c)) if (text.includes(s)) leaks.push(`${l.name}/${step.id}: "${s}" in: ${text}`);
          }
        }
      }
      expect(failures).toBeGreaterThan(0);
      expect(leaks).toEqual([]);
    });
  }

  it('points at where to look: the command, the file, the dmesg view, the trace view or the workspace file', () => {
    const t = wrongMachine('exist');
    const ws = { read: () => 'a wrong answer\n' };
    expect(evaluate_check({ run: 'cat /proc/devices', output_matches: '^ +4 ttyS$' }, t, ws).detail).toMatch(/run it in the terminal/);
    expect(evaluate_check({ file: '/sys/class/x/dev', equals: '1:0' }, t, ws).detail).toMatch(/read it with `cat \/sys\/class\/x\/dev`/);
    expect(evaluate_check({ file: '/sys/class/x/dev', equals: '1:0' }, wrongMachine('missing'), ws).detail).toMatch(/does not exist; look with `ls \/sys\/class\/x`/);
    expect(evaluate_check({ dmesg: 'secret line' }, t, ws).detail).toMatch(/dmesg view/);
    expect(evaluate_check({ trace: { cat: 'sched', name: 'sched_process_exec', args: { filename: '/bin/secret' } } }, t, ws).detail).toMatch(/Trace view \(subsystem sched\)/);
    const answer = evaluate_check({ workspace: 'answers/x.txt', equals_fact: 'slowest_initcall', message: 'Read the returned lines.' }, t, ws);
    expect(answer.detail).toBe('your answer in answers/x.txt is not what this step asks for; it shows: "a wrong answer"; Read the returned lines.');
    expect(evaluate_check({ workspace: 'answers/y.txt', equals: 'x' }, t, { read: () => null }).detail).toMatch(/answers\/y.txt is not in your workspace yet/);
    expect(evaluate_check({ run: 'cat /x', label: 'the x file reads back' }, t, ws).label).toBe('the x file reads back');
  });
});
