// Models linux/lib/errname.c: the symbolic name of an errno for %pe ("-EINVAL").
import * as E from '../include/uapi/asm-generic/errno.ts';

// kernel-static: errno names, filled once at load from constants
const NAMES = new Map<number, string>();
for (const [k, v] of Object.entries(E)) if (typeof v === 'number' && /^E[A-Z0-9]+$/.test(k) && !NAMES.has(v)) NAMES.set(v, k);

/** "-EINVAL" for 22, undefined for an unknown number. */
export function errname(err: number): string | undefined {
  const n = NAMES.get(err);
  return n ? `-${n}` : undefined;
}
