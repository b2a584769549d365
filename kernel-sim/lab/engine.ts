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
  /** When failed: what is wrong, what the machine or the file shows, and where to look; never the expected answer. */
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

/**
 * How a value falls short of what a check wants, in words that never contain the wanted value (a lab teaches where
 * to look, it does not hand out the answer): the caller says what the value is and where to look.
 */
function compare(seen: string, c: { equals?: string; contains?: string; matches?: string }): [boolean, string] {
  if (c.equals !== undefined && seen.trim() !== c.equals.trim()) return [false, 'is not what this step asks for'];
  if (c.contains !== undefined && !seen.includes(c.contains)) return [false, 'lacks a part this step asks for'];
  if (c.matches !== undefined && !new RegExp(c.matches, 'm').test(seen)) return [false, 'does not have the form this step asks for'];
  return [true, ''];
}

/** A failed check's detail: what is wrong, what the learner's machine or file shows, and the lab's pointer to where to look. */
function result(passed: boolean, label: string, why: string, seen: string | null, message?: string): CheckResult {
  if (passed) return { passed, label, detail: '' };
  const parts = [why];
  if (seen !== null) parts.push(`it shows: ${seen === '' ? '(nothing)' : JSON.stringify(clip(seen))}`);
  if (message) parts.push(message);
  return { passed, label, detail: parts.join('; ') };
}

const dirname = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';

export function evaluate_check(c: Check, target: LabTarget, ws: LabWorkspace): CheckResult {
  if ('run' in c) {
    const r = target.run(c.run);
    const label = c.label ?? `\`${c.run}\``;
    if (c.status !== undefined && r.status !== c.status) {
      const why = c.status === 0 ? `\`${c.run}\` failed (exit status ${r.status}); run it in the terminal to see why` : `\`${c.run}\` exited with status ${r.status}, which is not what this step asks for`;
      return result(false, label, why, r.output, c.message);
    }
    const [ok, why] = compare(r.output, { equals: c.output_equals, contains: c.output_contains, matches: c.output_matches });
    return result(ok, label, `the output of \`${c.run}\` ${why}; run it in the terminal and read it against the step`, r.output, c.message);
  }
  if ('file' in c) {
    const label = c.label ?? c.file;
    const probe = target.run(`test -e ${shq(c.file)} && echo yes || echo no`).output.trim();
    const exists = probe === 'yes';
    if (c.exists === false && exists) return result(false, label, `${c.file} still exists; \`ls -l ${c.file}\` shows it`, null, c.message);
    if (c.exists === true && !exists) return result(false, label, `${c.file} does not exist; look with \`ls ${dirname(c.file)}\``, null, c.message);
    if (c.equals === undefined && c.contains === undefined && c.matches === undefined) return result(true, label, '', '');
    if (!exists) return result(false, label, `${c.file} does not exist; look with \`ls ${dirname(c.file)}\``, null, c.message);
    const r = target.run(`cat ${shq(c.file)}`);
    const [ok, why] = compare(r.output, c);
    return result(ok, label, `${c.file} ${why}; read it with \`cat ${c.file}\``, r.output, c.message);
  }
  if ('dmesg' in c) {
    const log = target.run('dmesg').output;
    const re = new RegExp(c.dmesg, 'm');
    const found = re.test(log);
    const label = c.label ?? (c.absent ? 'no unwanted report in the kernel log' : 'a line in the kernel log');
    if (found === !c.absent) return result(true, label, '', '');
    if (c.absent) return result(false, label, 'the kernel log has a line this step says should not be there; look at it in the dmesg view', log.split('\n').find((l) => re.test(l)) ?? '', c.message);
    const last = log.trimEnd().split('\n').slice(-3).join(' | ');
    return result(false, label, 'the kernel log has no such line yet; look in the dmesg view (or `dmesg | tail`) after your actions, its last lines are below', last, c.message);
  }
  if ('trace' in c) {
    const t = c.trace;
    // The tracepoint's name says where to look; the argument values it must carry are the answer and stay out.
    const label = c.label ?? (t.name ? `the ${t.cat}:${t.name} tracepoint` : `the ${t.cat} tracepoints`);
    const events = target.trace().filter((e) => e.cat === t.cat && (t.name === undefined || e.name === t.name));
    const hit = events.find((e) => !t.args || Object.entries(t.args).every(([k, v]) => e.args?.[k] === v));
    const seen = events.length ? `${events.length} such ${t.cat} event${events.length === 1 ? '' : 's'}, none as this step needs` : `no ${t.cat} events`;
    return result(!!hit, label, `the trace has not recorded what this step needs; look in the Trace view (subsystem ${t.cat})`, hit ? '' : seen, c.message);
  }
  if ('workspace' in c) {
    const label = c.label ?? `your file ${c.workspace}`;
    const text = ws.read(c.workspace);
    if (text === null) return result(false, label, `${c.workspace} is not in your workspace yet: create it in the lab's folder`, null, c.message);
    const equals = c.equals_fact ? lab_fact(c.equals_fact, target) : c.equals;
    const [ok, why] = compare(text, { equals, contains: c.contains, matches: c.matches });
    return result(ok, label, `your answer in ${c.workspace} ${why}`, text, c.message);
  }
  const info = target.info();
  const label = c.label ?? "the machine's state after your actions";
  if (info.state !== c.machine) return result(false, label, `the machine is ${info.state}, which is not what this step asks for; the terminal and the dmesg view show what happened`, null, c.message);
  if (c.boots !== undefined && info.bootCount !== c.boots) return result(false, label, `the machine booted ${info.bootCount} time${info.bootCount === 1 ? '' : 's'}, which is not what this step asks for`, null, c.message);
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
