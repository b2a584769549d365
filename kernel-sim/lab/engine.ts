// The lab engine: evaluates a step's checks against a machine and a workspace, with messages that teach.
import type { MachineInfo, TraceEvent } from '../api/protocol.ts';
import type { Check, Step } from './schema.ts';

/** What checks may observe: the guest through its shell, the trace, the machine's state. */
export interface LabTarget {
  run(command: string): { output: string; status: number };
  trace(): TraceEvent[];
  info(): MachineInfo;
}

/** The learner's files. */
export interface LabWorkspace {
  read(path: string): string | null;
}

export interface CheckResult {
  passed: boolean;
  /** One line: what was checked. */
  label: string;
  /** When failed: what was expected, what was seen, and where to look. */
  detail: string;
}

const clip = (s: string, n = 160): string => {
  const t = s.replace(/\s+$/, '');
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Facts a check can compare an answer with, computed from what the machine really did. */
export function lab_fact(name: 'slowest_initcall' | 'longest_boot_phase' | 'kernel_release', target: LabTarget): string {
  const longest = (cat: string, before = Infinity): string => {
    let best: TraceEvent | null = null;
    for (const e of target.trace()) if (e.cat === cat && e.ph === 'X' && e.ts < before && (!best || (e.dur ?? 0) > (best.dur ?? 0))) best = e;
    return best?.name ?? '';
  };
  switch (name) {
    case 'slowest_initcall': return longest('initcall');
    case 'longest_boot_phase': {
      // start_kernel's phases: the boot spans before rest_init hands over to PID 1.
      const rest = target.trace().find((e) => e.cat === 'boot' && e.name === 'rest_init');
      return longest('boot', rest ? rest.ts : Infinity);
    }
    case 'kernel_release': return target.info().release;
  }
}

function compare(seen: string, c: { equals?: string; contains?: string; matches?: string }): [boolean, string] {
  if (c.equals !== undefined && seen.trim() !== c.equals.trim()) return [false, `expected exactly ${JSON.stringify(c.equals.trim())}`];
  if (c.contains !== undefined && !seen.includes(c.contains)) return [false, `expected it to contain ${JSON.stringify(c.contains)}`];
  if (c.matches !== undefined && !new RegExp(c.matches, 'm').test(seen)) return [false, `expected it to match /${c.matches}/`];
  return [true, ''];
}

function result(passed: boolean, label: string, why: string, seen: string, message?: string): CheckResult {
  if (passed) return { passed, label, detail: '' };
  const parts = [why, `saw: ${seen === '' ? '(nothing)' : JSON.stringify(clip(seen))}`];
  if (message) parts.push(message);
  return { passed, label, detail: parts.join('; ') };
}

export function evaluate_check(c: Check, target: LabTarget, ws: LabWorkspace): CheckResult {
  if ('run' in c) {
    const r = target.run(c.run);
    const label = `\`${c.run}\``;
    if (c.status !== undefined && r.status !== c.status) return result(false, label, `expected exit status ${c.status}, got ${r.status}`, r.output, c.message);
    const [ok, why] = compare(r.output, { equals: c.output_equals, contains: c.output_contains, matches: c.output_matches });
    return result(ok, label, why, r.output, c.message);
  }
  if ('file' in c) {
    const label = `${c.file}`;
    const probe = target.run(`test -e ${shq(c.file)} && echo yes || echo no`).output.trim();
    const exists = probe === 'yes';
    if (c.exists !== undefined && exists !== c.exists) return result(false, label, c.exists ? 'expected the file to exist' : 'expected the file not to exist', exists ? 'it exists' : 'no such file', c.message);
    if (c.equals === undefined && c.contains === undefined && c.matches === undefined) return result(true, label, '', '');
    if (!exists) return result(false, label, 'expected the file to exist', 'no such file', c.message);
    const r = target.run(`cat ${shq(c.file)}`);
    const [ok, why] = compare(r.output, c);
    return result(ok, label, why, r.output, c.message);
  }
  if ('dmesg' in c) {
    const log = target.run('dmesg').output;
    const re = new RegExp(c.dmesg, 'm');
    const found = re.test(log);
    const label = `dmesg ${c.absent ? 'has no' : 'has a'} line matching /${c.dmesg}/`;
    const last = log.trimEnd().split('\n').slice(-3).join(' | ');
    return result(found !== !!c.absent, label, c.absent ? 'expected no such line' : 'expected such a line', c.absent ? (log.split('\n').find((l) => re.test(l)) ?? '') : last, c.message);
  }
  if ('trace' in c) {
    const t = c.trace;
    const label = `tracepoint ${t.cat}${t.name ? ':' + t.name : ''}${t.args ? ' ' + JSON.stringify(t.args) : ''} fired`;
    const events = target.trace().filter((e) => e.cat === t.cat && (t.name === undefined || e.name === t.name));
    const hit = events.find((e) => !t.args || Object.entries(t.args).every(([k, v]) => e.args?.[k] === v));
    const seen = events.length ? `${events.length} ${t.cat} events, last: ${events[events.length - 1].name} ${JSON.stringify(events[events.length - 1].args ?? {})}` : `no ${t.cat} events`;
    return result(!!hit, label, 'expected the tracepoint to fire', seen, c.message);
  }
  if ('workspace' in c) {
    const label = `workspace file ${c.workspace}`;
    const text = ws.read(c.workspace);
    if (text === null) return result(false, label, 'expected the file in your workspace', 'no such file', c.message);
    const equals = c.equals_fact ? lab_fact(c.equals_fact, target) : c.equals;
    const [ok, why] = compare(text, { equals, contains: c.contains, matches: c.matches });
    return result(ok, label, why, text, c.message);
  }
  const info = target.info();
  const label = `the machine is ${c.machine}${c.boots ? ` after ${c.boots} boots` : ''}`;
  if (info.state !== c.machine) return result(false, label, `expected the machine to be ${c.machine}`, info.state, c.message);
  if (c.boots !== undefined && info.bootCount !== c.boots) return result(false, label, `expected ${c.boots} boots`, `${info.bootCount} boots`, c.message);
  return result(true, label, '', '');
}

export function evaluate_step(step: Step, target: LabTarget, ws: LabWorkspace): CheckResult[] {
  return step.checks.map((c) => {
    try {
      return evaluate_check(c, target, ws);
    } catch (e) {
      return { passed: false, label: 'check', detail: `the check could not run: ${(e as Error).message}` };
    }
  });
}
