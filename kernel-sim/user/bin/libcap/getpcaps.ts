// Models libcap's getpcaps(8): each process's capabilities from capget(2), in cap_to_text's form ("=ep" for all, "cap_a,cap_b=ep", "+i" for inheritable extras).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { cap_names, CAP_LAST_CAP } from '../../../kernel/capability.ts';

const _LINUX_CAPABILITY_VERSION_3 = 0x20080522;
const ALL = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;

/** capget(2) version 3: effective, permitted and inheritable as 64-bit sets. */
function* capget(c: Libc, pid: number): KGen<{ eff: bigint; prm: bigint; inh: bigint } | number> {
  return yield* c.scratch(function* () {
    const hdr = new Uint8Array(8);
    const dv = new DataView(hdr.buffer);
    dv.setUint32(0, _LINUX_CAPABILITY_VERSION_3, true);
    dv.setInt32(4, pid, true);
    const h = c.put(hdr), d = c.alloc(24);
    const r = yield* c.syscall('capget', h, d);
    if (r < 0) return r;
    const b = new DataView(c.get(d, 24).buffer);
    const w = (o: number): bigint => BigInt(b.getUint32(o, true)) | (BigInt(b.getUint32(12 + o, true)) << 32n);
    return { eff: w(0), prm: w(4), inh: w(8) };
  });
}

const names = (set: bigint): string => cap_names.filter((_, i) => set & (1n << BigInt(i))).join(',');

/** cap_to_text for the common cases: the permitted set with its effective flag, then inheritable extras. */
export function cap_text(s: { eff: bigint; prm: bigint; inh: bigint }): string {
  if (!s.prm && !s.inh) return '=';
  let out = s.prm === ALL ? '=p' : `${names(s.prm)}=p`;
  if (s.eff === s.prm && s.prm) out = s.prm === ALL ? '=ep' : `${names(s.prm)}=ep`;
  else if (s.eff) out += ` ${names(s.eff)}+e`;
  if (s.inh) out += ` ${names(s.inh)}+i`;
  return out;
}

export function* getpcaps_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.length < 2) { yield* c.write(2, 'usage: getpcaps <pid> [<pid> ...]\n'); return 1; }
  let status = 0;
  for (const a of argv.slice(1)) {
    const s = yield* capget(c, Number(a));
    if (typeof s === 'number') { yield* c.write(2, `Failed to get cap's for process ${a}: (${strerror(-s)})\n`); status = 1; continue; }
    yield* c.write(1, `${a}: ${cap_text(s)}\n`);
  }
  return status;
}
