// Models fio 3.33's init.c and options.c for the options the workbench supports: jobs from job files ([global] and job sections, key=value lines, ; and # comments) and from the command line (--name starts a job), with fio's defaults and its refusals.
import { parse_size, parse_time } from './num2str.ts';

export type rw_kind = 'read' | 'write' | 'randread' | 'randwrite' | 'rw' | 'randrw';

export interface job_options {
  name: string; filename: string; rw: rw_kind; bs: number; size: number; offset: number; iodepth: number; numjobs: number;
  runtime: number; time_based: boolean; direct: boolean; ioengine: string; group_reporting: boolean; rwmixread: number;
  fsync: number; end_fsync: boolean; randseed: number;
  /** The options given for this job itself, as written (json_add_job_opts's "job options"). */
  opts: [string, string][];
}

const DEFAULTS: job_options = {
  name: '', filename: '', rw: 'read', bs: 4096, size: 0, offset: 0, iodepth: 1, numjobs: 1, runtime: 0, time_based: false,
  direct: false, ioengine: 'psync', group_reporting: false, rwmixread: 50, fsync: 0, end_fsync: false, randseed: 0x89, opts: [],
};

/** The engines that exist here; others are "not loadable" as a missing engine plugin is in fio. */
export const ENGINES = ['psync', 'sync', 'pvsync', 'libaio'];

const RW: Readonly<Record<string, rw_kind>> = {
  read: 'read', write: 'write', randread: 'randread', randwrite: 'randwrite', rw: 'rw', readwrite: 'rw', randrw: 'randrw',
};
const bool = (v: string): boolean | null => (v === '' || v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : null);
const int = (v: string): number | null => (/^\d+$/.test(v) ? Number(v) : null);

/** Each option: how its value is read into the job (null: a bad value). */
const OPTIONS: Readonly<Record<string, (j: job_options, v: string) => boolean>> = {
  name: (j, v) => { j.name = v; return true; },
  filename: (j, v) => { j.filename = v; return !!v; },
  rw: (j, v) => { const r = RW[v]; if (r) j.rw = r; return !!r; },
  readwrite: (j, v) => OPTIONS.rw!(j, v),
  bs: (j, v) => { const n = parse_size(v); if (n) j.bs = n; return !!n; },
  blocksize: (j, v) => OPTIONS.bs!(j, v),
  size: (j, v) => { const n = parse_size(v); if (n) j.size = n; return !!n; },
  offset: (j, v) => { const n = parse_size(v); if (n !== null) j.offset = n; return n !== null; },
  iodepth: (j, v) => { const n = int(v); if (n) j.iodepth = n; return !!n; },
  numjobs: (j, v) => { const n = int(v); if (n) j.numjobs = n; return !!n; },
  runtime: (j, v) => { const n = parse_time(v); if (n !== null) j.runtime = n; return n !== null; },
  time_based: (j, v) => { const b = bool(v); if (b !== null) j.time_based = b; return b !== null; },
  direct: (j, v) => { const b = bool(v); if (b !== null) j.direct = b; return b !== null; },
  ioengine: (j, v) => { j.ioengine = v; return !!v; },
  group_reporting: (j, v) => { const b = bool(v); if (b !== null) j.group_reporting = b; return b !== null; },
  rwmixread: (j, v) => { const n = int(v); if (n !== null && n <= 100) j.rwmixread = n; return n !== null && n <= 100; },
  rwmixwrite: (j, v) => { const n = int(v); if (n !== null && n <= 100) j.rwmixread = 100 - n; return n !== null && n <= 100; },
  fsync: (j, v) => { const n = int(v); if (n !== null) j.fsync = n; return n !== null; },
  end_fsync: (j, v) => { const b = bool(v); if (b !== null) j.end_fsync = b; return b !== null; },
  randseed: (j, v) => { const n = int(v); if (n !== null) j.randseed = n; return n !== null; },
};

/** --output-format's formats (FIO_OUTPUT_TERSE, FIO_OUTPUT_JSON, FIO_OUTPUT_NORMAL, FIO_OUTPUT_JSON_PLUS). */
export const FIO_OUTPUT_TERSE = 1, FIO_OUTPUT_JSON = 2, FIO_OUTPUT_NORMAL = 4, FIO_OUTPUT_JSON_PLUS = 8;
/** json+ is the JSON report with each percentile table's histogram bins: it sets both bits, as init.c does. */
const OUTPUT_FORMATS: Readonly<Record<string, number>> = { terse: FIO_OUTPUT_TERSE, json: FIO_OUTPUT_JSON, normal: FIO_OUTPUT_NORMAL, 'json+': FIO_OUTPUT_JSON | FIO_OUTPUT_JSON_PLUS };

export interface parsed {
  jobs: job_options[]; error: string | null; output_format: number; terse_version: number;
  /** Options given outside any job ([global] sections, the command line before the first --name): the JSON report's "global options". */
  global_opts: [string, string][];
}

/** parse_output_format: a comma list of formats; null when one is unknown. */
function parse_output_format(v: string): number | null {
  let f = 0;
  for (const name of v.split(',')) { const b = OUTPUT_FORMATS[name]; if (b === undefined) return null; f |= b; }
  return f;
}

/** fio's own (not job) options: how each changes the output; an error line when its value is bad. */
const GLOBAL_OPTIONS: Readonly<Partial<Record<string, (p: parsed, v: string) => string | null>>> = {
  'output-format': (p, v) => { const f = parse_output_format(v); if (f === null) return 'fio: failed parsing output-format\n'; p.output_format = f; return null; },
  minimal: (p) => { p.output_format = FIO_OUTPUT_TERSE; return null; },
  'append-terse': (p) => { p.output_format |= FIO_OUTPUT_TERSE; return null; },
  'terse-version': (p, v) => { const n = Number(v); if (!(n >= 2 && n <= 5)) return 'fio: bad terse version format\n'; p.terse_version = n; return null; },
};

/** One option into a job; the error fio prints otherwise. */
function set_option(j: job_options, key: string, value: string): string | null {
  const f = OPTIONS[key];
  if (!f) return `Bad option <${key}${value ? `=${value}` : ''}>\n`;
  return f(j, value) ? null : `fio: bad value '${value}' for option '${key}'\n`;
}

/** parse_jobs_ini: [global] options apply to the jobs that follow it. */
export function parse_job_file(text: string, base: job_options = { ...DEFAULTS }, global_opts: [string, string][] = []): Pick<parsed, 'jobs' | 'error'> {
  const jobs: job_options[] = [];
  let global = { ...base }, cur: job_options | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/[;#].*$/, '').trim();
    if (!line) continue;
    const sect = /^\[(.+)\]$/.exec(line);
    if (sect) {
      if (cur) jobs.push(cur);
      cur = sect[1] === 'global' ? null : { ...global, name: sect[1]!, opts: [] };
      continue;
    }
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim(), value = eq < 0 ? '' : line.slice(eq + 1).trim();
    const err = set_option(cur ?? global, key, value);
    if (err) return { jobs, error: `${err}fio: job file line ${i + 1}: ${lines[i]!.trim()}\n` };
    (cur ? cur.opts : global_opts).push([key, value]);
    if (!cur) global = { ...global };
  }
  if (cur) jobs.push(cur);
  return { jobs, error: null };
}

/** The command line: --opt=value (or --opt value), each --name starting a job; non-option words are job files. */
export function parse_cmdline(argv: string[], read_file: (path: string) => string | null): parsed {
  const res: parsed = { jobs: [], error: null, output_format: FIO_OUTPUT_NORMAL, terse_version: 3, global_opts: [] };
  const jobs = res.jobs;
  let cur: job_options | null = null;
  const global = { ...DEFAULTS };
  const fail = (error: string): parsed => ({ ...res, error });
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      const text = read_file(a);
      if (text === null) return fail(`fio: unable to open '${a}' job file\n`);
      const p = parse_job_file(text, { ...global }, res.global_opts);
      jobs.push(...p.jobs);
      if (p.error) return fail(p.error);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
    let value = eq < 0 ? '' : a.slice(eq + 1);
    const g = GLOBAL_OPTIONS[key];
    // getopt_long: an option with a required argument takes the next word when it has no '='.
    if (g && eq < 0 && (key === 'output-format' || key === 'terse-version')) value = argv[++i] ?? '';
    if (g) { const err = g(res, value); if (err) return fail(err); continue; }
    if (eq < 0 && OPTIONS[key] && !['time_based', 'group_reporting', 'direct', 'end_fsync'].includes(key)) value = argv[++i] ?? '';
    if (key === 'name') { if (cur) jobs.push(cur); cur = { ...global, name: value, opts: [['name', value]] }; continue; }
    if (!OPTIONS[key]) return fail(`fio: unrecognized option '${a}'\n`);
    const err = set_option(cur ?? global, key, value);
    if (err) return fail(err);
    (cur ? cur.opts : res.global_opts).push([key, value]);
  }
  if (cur) jobs.push(cur);
  return res;
}
