// Models linux/crypto/api.c, algapi.c and proc.c: the crypto_alg registry (crypto_register_alg and its typed wrappers, newest first on crypto_alg_list) and /proc/crypto's c_show with each type's show.
import { defineState } from '../kernel/state.ts';
import { proc_create_seq } from '../fs/proc/generic.ts';
import { seq_puts } from '../fs/seq_file.ts';

/** What a type's show prints after "type" (crypto_shash_show, crypto_skcipher_show, crypto_rng_show ...). */
export type crypto_type =
  | { kind: 'cipher'; min_keysize: number; max_keysize: number }
  | { kind: 'compression' }
  | { kind: 'shash'; digestsize: number }
  | { kind: 'skcipher'; min_keysize: number; max_keysize: number; ivsize: number; async: boolean }
  | { kind: 'rng'; seedsize: number }
  | { kind: 'akcipher' } | { kind: 'kpp' } | { kind: 'scomp' };

export interface crypto_alg {
  cra_name: string;
  cra_driver_name: string;
  cra_priority: number;
  cra_blocksize: number;
  type: crypto_type;
  /** The module that registered it; null for built-in code ("kernel"). */
  module: string | null;
  refcnt: number;
  tested: boolean;
  internal: boolean;
}

const cryptoState = defineState('crypto', () => ({ crypto_alg_list: [] as crypto_alg[] }));

export type alg_template = Omit<crypto_alg, 'module' | 'refcnt' | 'tested' | 'internal'> & Partial<Pick<crypto_alg, 'internal'>>;

/**
 * crypto_register_alg: the algorithm goes at the head of crypto_alg_list (list_add); cryptomgr's self-test passes
 * for the generic implementations here (CONFIG_CRYPTO_MANAGER_DISABLE_TESTS is not set in Debian's config).
 */
export function crypto_register_alg(a: alg_template, module: string | null = null): number {
  const list = cryptoState().crypto_alg_list;
  if (list.some((x) => x.cra_driver_name === a.cra_driver_name)) return -17; // -EEXIST
  list.unshift({ internal: false, ...a, module, refcnt: 1, tested: true });
  return 0;
}

export function crypto_register_algs(algs: readonly alg_template[]): number {
  for (const a of algs) { const r = crypto_register_alg(a); if (r) return r; }
  return 0;
}

export function crypto_alg_list(): readonly crypto_alg[] { return cryptoState().crypto_alg_list; }

/** crypto_alg_mod_lookup: the highest-priority algorithm by name or driver name (taking a reference). */
export function crypto_alg_lookup(name: string): crypto_alg | null {
  let best: crypto_alg | null = null;
  for (const a of cryptoState().crypto_alg_list) {
    if (a.cra_driver_name === name) return a;
    if (a.cra_name === name && (!best || a.cra_priority > best.cra_priority)) best = a;
  }
  return best;
}

/** c_show: the common lines, then the type's. */
function c_show(a: crypto_alg): string {
  let s = `name         : ${a.cra_name}\ndriver       : ${a.cra_driver_name}\nmodule       : ${a.module ?? 'kernel'}\n`;
  s += `priority     : ${a.cra_priority}\nrefcnt       : ${a.refcnt}\nselftest     : ${a.tested ? 'passed' : 'unknown'}\ninternal     : ${a.internal ? 'yes' : 'no'}\n`;
  const t = a.type;
  s += `type         : ${t.kind}\n`;
  switch (t.kind) {
    case 'cipher': s += `blocksize    : ${a.cra_blocksize}\nmin keysize  : ${t.min_keysize}\nmax keysize  : ${t.max_keysize}\n`; break;
    case 'shash': s += `blocksize    : ${a.cra_blocksize}\ndigestsize   : ${t.digestsize}\n`; break;
    case 'skcipher':
      s += `async        : ${t.async ? 'yes' : 'no'}\nblocksize    : ${a.cra_blocksize}\nmin keysize  : ${t.min_keysize}\nmax keysize  : ${t.max_keysize}\n`;
      s += `ivsize       : ${t.ivsize}\nchunksize    : ${a.cra_blocksize}\nwalksize     : ${a.cra_blocksize}\n`;
      break;
    case 'rng': s += `seedsize     : ${t.seedsize}\n`; break;
    default: break;
  }
  return `${s}\n`;
}

/** crypto_algapi_init (late_initcall, after every built-in algorithm registered): /proc/crypto. */
export function crypto_algapi_init(): number {
  proc_create_seq('crypto', 0, null, {
    start: (m, pos) => { const a = [...crypto_alg_list()]; m.private = a; return a[pos.pos] ?? null; },
    next: (m, _v, pos) => (m.private as crypto_alg[])[++pos.pos] ?? null,
    show: (m, v) => { seq_puts(m, c_show(v as crypto_alg)); },
  });
  return 0;
}
