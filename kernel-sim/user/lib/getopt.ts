// Models glibc's getopt_long (posix/getopt.c) as GNU tools use it: clustered short options, option arguments, long options, `--`, and permutation of operands.

/**
 * `short` lists option letters; a letter followed by ':' takes an argument,
 * by '::' an optional one (attached only). `long` maps a long name to the
 * letter (or a pseudo-letter) it stands for; a name ending in '=' takes an argument.
 */
export interface optspec { short: string; long?: Record<string, string>; permute?: boolean }
export interface parsed { opts: [string, string][]; args: string[]; error?: string }

function arg_kind(short: string, ch: string): 0 | 1 | 2 {
  const i = short.indexOf(ch);
  if (i < 0 || ch === ':') return 0;
  if (short[i + 1] !== ':') return 0;
  return short[i + 2] === ':' ? 2 : 1;
}

/** Parses argv[1..]; on error returns the message getopt prints (without the program name). */
export function getopt(argv: string[], spec: optspec): parsed {
  const opts: [string, string][] = [];
  const args: string[] = [];
  const permute = spec.permute ?? true;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const keys = Object.keys(spec.long);
      let key = keys.find((k) => k.replace(/=$/, '') === name);
      if (!key) {
        const cands = keys.filter((k) => k.startsWith(name));
        if (cands.length === 1) key = cands[0];
        else if (cands.length > 1) return { opts, args, error: `option '${a}' is ambiguous` };
        else return { opts, args, error: `unrecognized option '${a}'` };
      }
      const full = key.replace(/=$/, '');
      if (key.endsWith('=')) {
        if (eq >= 0) opts.push([spec.long[key], a.slice(eq + 1)]);
        else if (i + 1 < argv.length) opts.push([spec.long[key], argv[++i]]);
        else return { opts, args, error: `option '--${full}' requires an argument` };
      } else {
        if (eq >= 0) return { opts, args, error: `option '--${full}' doesn't allow an argument` };
        opts.push([spec.long[key], '']);
      }
      continue;
    }
    if (a.length > 1 && a[0] === '-' && a !== '-') {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        const kind = arg_kind(spec.short, ch);
        if (!spec.short.includes(ch) || ch === ':') return { opts, args, error: `invalid option -- '${ch}'` };
        if (kind === 0) { opts.push([ch, '']); continue; }
        if (k + 1 < a.length) { opts.push([ch, a.slice(k + 1)]); break; }
        if (kind === 2) { opts.push([ch, '']); break; }
        if (i + 1 >= argv.length) return { opts, args, error: `option requires an argument -- '${ch}'` };
        opts.push([ch, argv[++i]]);
        break;
      }
      continue;
    }
    args.push(a);
    if (!permute) { args.push(...argv.slice(i + 1)); break; }
  }
  return { opts, args };
}

/** The last value given for an option, or undefined. */
export function optval(p: parsed, ch: string): string | undefined {
  let v: string | undefined;
  for (const [k, x] of p.opts) if (k === ch) v = x;
  return v;
}

export function has(p: parsed, ch: string): boolean {
  return p.opts.some(([k]) => k === ch);
}
