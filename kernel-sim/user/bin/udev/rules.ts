// udev rules as udev(7) describes them: match keys (ACTION, SUBSYSTEM, KERNEL, DRIVER, ATTR{}, ENV{} and the parent-walking *S forms) and assignments (NAME, SYMLINK, MODE, OWNER, GROUP, RUN, ENV).
export interface rule_key { key: string; attr: string | null; op: '==' | '!=' | '=' | '+=' | ':=' | '-='; value: string }
export interface rule { file: string; line: number; keys: rule_key[] }

const KEY_RE = /^\s*([A-Z_]+)(?:\{([^}]*)\})?\s*(==|!=|\+=|-=|:=|=)\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/;

/** Parses one rules file; malformed lines are reported as udevd logs them and skipped. */
export function parse_rules(file: string, text: string, errors: string[]): rule[] {
  const out: rule[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const keys: rule_key[] = [];
    let rest = t;
    let bad = false;
    while (rest.trim().length) {
      const m = KEY_RE.exec(rest);
      if (!m) { bad = true; break; }
      keys.push({ key: m[1], attr: m[2] ?? null, op: m[3] as rule_key['op'], value: m[4].replace(/\\"/g, '"') });
      rest = rest.slice(m[0].length);
    }
    if (bad || !keys.length) { errors.push(`${file}:${i + 1} Invalid rule`); continue; }
    out.push({ file, line: i + 1, keys });
  }
  return out;
}

/** fnmatch with udev's "|" alternatives. */
export function udev_match(pattern: string, value: string): boolean {
  return pattern.split('|').some((p) => glob_to_re(p).test(value));
}

function glob_to_re(p: string): RegExp {
  let re = '^';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      const j = p.indexOf(']', i + 1);
      if (j < 0) { re += '\\['; continue; }
      let cls = p.slice(i + 1, j);
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = j;
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$');
}
