// Header closure: for each header shipped in resources/include, the shipped headers it reaches through its includes
// are the ones Linux 6.1's same header reaches (measured once with gcc -M over Debian's linux-headers:
// scripts/corpus-headers.ts → test/fixtures/api/linux-6.1-header-closures.json), so the types it makes complete are
// Linux's. What still differs is listed per header in header-closure.known.json, which may only shrink.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
const INCLUDE = join(ROOT, 'resources/include');
const linux = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/api/linux-6.1-header-closures.json'), 'utf8')) as {
  baseline: string[]; names: string[]; closures: Record<string, number[] | string>;
};
type Gap = { missing?: string[]; extra?: string[] };
const KNOWN = JSON.parse(readFileSync(join(__dirname, 'header-closure.known.json'), 'utf8')) as Record<string, Gap>;

/** Where `#include <x>` / `"x"` in `from` lands: the including folder for quotes, then -I include and -I include/uapi. */
function resolveInclude(from: string, name: string, quoted: boolean): string | undefined {
  const dirs = [...(quoted ? [dirname(join(INCLUDE, from))] : []), INCLUDE, join(INCLUDE, 'uapi')];
  for (const d of dirs) {
    const p = normalize(join(d, name));
    if (p.startsWith(INCLUDE) && existsSync(p) && statSync(p).isFile()) return relative(INCLUDE, p);
  }
  return undefined;
}

/** The shipped headers a header reaches (itself included), following every #include line as the preprocessor may. */
function ours(h: string): Set<string> {
  const seen = new Set<string>([h]);
  const queue = [h];
  while (queue.length) {
    const f = queue.shift()!;
    for (const m of readFileSync(join(INCLUDE, f), 'utf8').matchAll(/^[ \t]*#[ \t]*include[ \t]*([<"])([^">\n]+)[">]/gm)) {
      const r = resolveInclude(f, m[2]!, m[1] === '"');
      if (r && !seen.has(r)) { seen.add(r); queue.push(r); }
    }
  }
  return seen;
}

function shipped(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) { if (n !== 'user' && n !== 'generated') walk(p); } else if (n.endsWith('.h')) out.push(relative(INCLUDE, p));
    }
  };
  walk(INCLUDE);
  return out.sort();
}

/** Each shipped header's difference from Linux's: shipped headers Linux reaches and ours does not, and the reverse. */
function gaps(): Record<string, Gap> {
  const all = new Set(shipped());
  // What every unit reaches: kbuild's -include files on Linux (the baseline), linux/kconfig.h here.
  const forced = ours('linux/kconfig.h');
  const out: Record<string, Gap> = {};
  for (const h of all) {
    const l = linux.closures[h];
    if (l === undefined || typeof l === 'string') continue;
    const theirs = new Set(l.map((i) => linux.names[i]!).filter((n) => !linux.baseline.includes(n)));
    const mine = new Set([...ours(h)].filter((n) => !forced.has(n) || n === h));
    const missing = [...theirs].filter((n) => all.has(n) && !mine.has(n)).sort();
    const extra = [...mine].filter((n) => n !== h && !theirs.has(n) && !linux.baseline.includes(n)).sort();
    if (missing.length || extra.length) out[h] = { ...(missing.length ? { missing } : {}), ...(extra.length ? { extra } : {}) };
  }
  return out;
}

describe('header closure against Linux 6.1', () => {
  it('the fixture covers every shipped header (re-measure with scripts/corpus-headers.ts when one is added)', () => {
    const unmeasured = shipped().filter((h) => !(h in linux.closures));
    expect(unmeasured).toEqual([]);
  });

  it('headers Linux refuses to have included directly are named, with its #error', () => {
    const ours = new Set(shipped());
    const refused = Object.entries(linux.closures).filter(([k, v]) => typeof v === 'string' && v.includes('#error') && ours.has(k)).map(([k]) => k).sort();
    expect(refused).toEqual(['linux/pm_wakeup.h', 'linux/rwlock.h', 'linux/rwlock_types.h']);
  });

  it('each header reaches the shipped headers Linux\'s reaches, and no others, but for the shrinking known list', () => {
    const g = gaps();
    const worse: string[] = [];
    for (const [h, gap] of Object.entries(g)) {
      for (const kind of ['missing', 'extra'] as const) {
        for (const n of gap[kind] ?? []) if (!KNOWN[h]?.[kind]?.includes(n)) worse.push(`${h}: ${kind === 'missing' ? 'does not reach' : 'reaches, unlike Linux,'} ${n}`);
      }
    }
    expect(worse, 'include what Linux\'s header includes (or drop what it does not)').toEqual([]);
    const stale: string[] = [];
    for (const [h, gap] of Object.entries(KNOWN)) {
      for (const kind of ['missing', 'extra'] as const) for (const n of gap[kind] ?? []) if (!g[h]?.[kind]?.includes(n)) stale.push(`${h} ${kind} ${n}`);
    }
    expect(stale, 'fixed now: remove from header-closure.known.json').toEqual([]);
  });
});
