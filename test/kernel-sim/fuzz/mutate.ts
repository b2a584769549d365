// Seeded mutations of a text (truncation, deletion, duplication, garbage bytes, deep nesting, huge numbers, non-ASCII) for the fuzz tests.

/** mulberry32: a small seeded PRNG, so every run fuzzes the same mutants. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

function garbage(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(int(r, 256));
  return s;
}

function non_ascii(r: Rng, n: number): string {
  const samples = ['é', 'ß', 'λ', 'Ж', '中', '文', '😀', '\u200b', '\ufeff', '\ud800', '\u00a0', 'ﬁ', '\u202e'];
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, samples);
  return s;
}

/** The mutation kinds, each (text, rng) -> text; the name goes into the failure message. */
export const MUTATIONS: Record<string, (s: string, r: Rng) => string> = {
  truncate: (s, r) => s.slice(0, int(r, s.length)),
  delete: (s, r) => {
    const a = int(r, s.length);
    return s.slice(0, a) + s.slice(a + 1 + int(r, 40));
  },
  delete_char: (s, r) => {
    const a = int(r, s.length);
    return s.slice(0, a) + s.slice(a + 1);
  },
  duplicate: (s, r) => {
    const a = int(r, s.length);
    const piece = s.slice(a, a + 1 + int(r, 200));
    const at = int(r, s.length);
    return s.slice(0, at) + piece + s.slice(at);
  },
  garbage: (s, r) => {
    const at = int(r, s.length);
    return s.slice(0, at) + garbage(r, 1 + int(r, 16)) + s.slice(at);
  },
  replace_punct: (s, r) => {
    const at = int(r, s.length);
    return s.slice(0, at) + pick(r, ['{', '}', ';', '<', '>', '"', '[', ']', '(', ')', '&', ':', '=', ',', '/', '#', '\\', "'", '\n', '\0']) + s.slice(at + 1);
  },
  deep_nesting: (s, r) => {
    const at = int(r, s.length);
    const n = 50 + int(r, 5000);
    const open = pick(r, ['a {', '(', '{', '[', '-', 'x: ', '/*']);
    return s.slice(0, at) + open.repeat(n) + (r() < 0.5 ? pick(r, ['};', ')', '}', ']', '1', '', '*/']).repeat(n) : '') + s.slice(at);
  },
  huge_number: (s, r) => {
    const at = int(r, s.length);
    const n = pick(r, ['9'.repeat(30 + int(r, 3000)), '0x' + 'f'.repeat(17 + int(r, 100)), '18446744073709551616', '(1 << 64)', '(0xffffffffffffffff * 0xffffffffffffffff)', '(1 / 0)', '-1', '4294967296', `0${'7'.repeat(30)}`]);
    return s.slice(0, at) + n + s.slice(at);
  },
  non_ascii: (s, r) => {
    const at = int(r, s.length);
    return s.slice(0, at) + non_ascii(r, 1 + int(r, 8)) + s.slice(at);
  },
};

/** One mutant: 1 to 3 mutations in a row, each chosen by the rng. Returns the text and what was done. */
export function mutant(base: string, r: Rng): { text: string; ops: string[] } {
  const names = Object.keys(MUTATIONS);
  let text = base;
  const ops: string[] = [];
  for (let k = 1 + int(r, 3); k > 0; k--) {
    const name = pick(r, names);
    text = MUTATIONS[name]!(text, r);
    ops.push(name);
  }
  return { text, ops };
}
