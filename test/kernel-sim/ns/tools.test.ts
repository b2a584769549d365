// lsns and getpcaps: namespaces listed by inode with their process counts; capabilities from capget(2) after capset(2) dropped some.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from '../core/harness.ts';
import { EPERM } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

describe('lsns', () => {
  it('lists each namespace once, sorted by inode, with the lowest pid standing for it', () => {
    const out = m.runCommand('unshare -u sleep 100 & sleep 1; lsns; lsns -t uts -n -r; kill $!').output.trimEnd().split('\n');
    expect(out[0]).toMatch(/^ +NS TYPE +NPROCS +PID USER +COMMAND$/);
    expect(out[1]).toMatch(/^4026531834 time +\d+ +1 root +\S/);
    const uts = out.filter((l) => / uts /.test(l));
    expect(uts.some((l) => /^4026532\d{3} uts +1 +\d+ root +sleep 100$/.test(l))).toBe(true);
    expect(out.filter((l) => /^\d+ uts \d+ \d+ root/.test(l))).toHaveLength(2);
  });
});

describe('capabilities', () => {
  it('capset drops permitted capabilities for good; getpcaps prints them as cap_to_text does', () => {
    const seen: number[] = [];
    const r = run(m, function* (c) {
      const hdr = new Uint8Array(8);
      new DataView(hdr.buffer).setUint32(0, 0x20080522, true);
      const data = new Uint8Array(24);
      const dv = new DataView(data.buffer);
      const keep = (1 << 5) | (1 << 21); // cap_kill, cap_sys_admin
      dv.setUint32(0, keep, true); dv.setUint32(4, keep, true);
      seen.push(yield* c.syscall('capset', c.put(hdr), c.put(data)));
      dv.setUint32(4, keep | 1, true); // cap_chown back: not in permitted any more
      seen.push(yield* c.syscall('capset', c.put(hdr), c.put(data)));
      const pid = yield* c.getpid();
      const out = yield* c.fork(function* (cc) { return yield* cc.execve('/sbin/getpcaps', ['getpcaps', String(pid)]); });
      yield* c.waitpid(out);
      return 0;
    });
    expect(seen).toEqual([0, -EPERM]);
    expect(r.output).toMatch(/^\d+: cap_kill,cap_sys_admin=ep$/m);
  });
});
