// The proc inums the reference machine's boot takes, against the list Linux 6.1 makes (test/fixtures/ns/linux-6.1-
// proc-entries.txt): every proc_dir_entry the workbench registers is one Linux registers, the ones it does not yet
// register are listed below (a shrinking list), and the next namespace's inum counts exactly what was allocated.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { q35, sh } from '../modules/helpers.ts';
import { reference } from '../../fixtures/reference.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { PROC_DYNAMIC_FIRST } from '../../../kernel-sim/kernel/nsproxy.ts';

const linux = readFileSync(new URL('../../fixtures/ns/linux-6.1-proc-entries.txt', import.meta.url), 'utf8')
  .split('\n').filter((l) => l && !l.startsWith('#')).map((l) => { const [path, src] = l.split('\t'); return { path, pernet: / pernet$/.test(src) }; });

/** Linux's entries the workbench does not register yet. */
const KNOWN_MISSING = new Set<string>([]);
/** What the workbench registers that Linux on x86 does not (the reference machine's config leaves CONFIG_OF out). */
const KNOWN_EXTRA = new Set<string>([]);

let m: Machine;
beforeAll(() => { m = q35({}); }, 120_000);

/** Paths under /proc with a proc inum, pid directories and sysctl's contents aside (they take none). */
function proc_inums(): Map<string, number> {
  // /proc/net is a link to the reader's namespace's tree (find does not follow it): its entries are listed as net/...
  const out = sh(m, `for p in /proc/sys $(find /proc \\( -path "/proc/[0-9]*" -o -path /proc/sys \\) -prune -o -print) $(find /proc/self/net/ -mindepth 1); do stat -c "%i %n" $p; done`);
  const r = new Map<string, number>();
  for (const l of out.trim().split('\n')) {
    const [ino, p] = l.split(' ');
    const path = p.startsWith('/proc/self/net/') ? `net/${p.slice('/proc/self/net/'.length)}` : p.slice('/proc/'.length);
    if (Number(ino) >= PROC_DYNAMIC_FIRST) r.set(path, Number(ino));
  }
  return r;
}

describe('proc inums at boot', () => {
  it('the Linux list accounts for the reference numbers: 2 namespaces + 301 entries, 51 more per network namespace', () => {
    const inner = (f: string, type: string): number => Number(new RegExp(`inner: .*${type}:\\[(\\d+)\\]`).exec(reference(f))![1]);
    expect(inner('ns-uts.txt', 'uts')).toBe(PROC_DYNAMIC_FIRST + 2 + linux.length);
    expect(inner('ns-net.txt', 'net')).toBe(PROC_DYNAMIC_FIRST + 2 + linux.length);
    // ns_user runs while the network namespace ns_net made still waits for cleanup_net: its inum and its entries.
    expect(inner('ns-user.txt', 'user')).toBe(PROC_DYNAMIC_FIRST + 2 + linux.length + 1 + linux.filter((e) => e.pernet).length);
  });

  it('every entry the workbench registers is Linux\'s, and those it does not are listed as not yet registered', () => {
    const have = proc_inums();
    // The virtio MSI-X vectors' directories follow the virtio driver's probe; the list has them as the reference does.
    const hw = (p: string): boolean => /^irq\/2[4-6](\/|$)/.test(p);
    const all = new Set([...linux.map((e) => e.path), ...KNOWN_EXTRA]);
    // Nothing Linux does not register; everything it does, except what is listed as missing (an entry that arrives
    // may be taken off the list).
    expect([...have.keys()].filter((p) => !all.has(p))).toEqual([]);
    expect(linux.map((e) => e.path).filter((p) => !KNOWN_MISSING.has(p) && !hw(p) && !have.has(p))).toEqual([]);
    for (const p of KNOWN_MISSING) expect(linux.some((e) => e.path === p), p).toBe(true);
  });

  it('a new namespace takes the first number past everything allocated: no leaks, no numbers taken twice', () => {
    const have = proc_inums();
    expect(new Set(have.values()).size).toBe(have.size);
    const uts = Number(/uts:\[(\d+)\]/.exec(sh(m, 'unshare -u readlink /proc/self/ns/uts'))![1]);
    expect(uts).toBe(PROC_DYNAMIC_FIRST + 2 + have.size);
  });
});
