// security/keys' system calls: add_key, keyctl (GET_KEYRING_ID, DESCRIBE, READ, REVOKE, SEARCH, LINK/UNLINK, CLEAR) and request_key with Linux's errnos, seen through /proc/keys and /proc/key-users.
import { describe, it, expect, beforeAll } from 'vitest';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import { strerror } from '../../../kernel-sim/user/lib/libc.ts';
import { register_programs } from '../../../kernel-sim/user/bin/index.ts';
import { kwb_image } from '../../../kernel-sim/fs/binfmt_kwb.ts';
import { Machine } from '../../../kernel-sim/machine.ts';

const SPECIAL: Record<string, number> = { '@t': -1, '@p': -2, '@s': -3, '@u': -4, '@us': -5 };
const CMD = { id: 0, revoke: 3, describe: 6, clear: 7, link: 8, unlink: 9, search: 10, read: 11 } as const;

/** tkeyctl add TYPE DESC DATA RING | request TYPE DESC | CMD ID [ARGS]: prints the result or the error. */
function* tkeyctl(c: Libc, argv: string[]): KGen<number> {
  const id = (s: string): number => SPECIAL[s] ?? Number(s);
  const [, op, a, b, d, e] = argv as (string | undefined)[];
  let r: number;
  let out = '';
  if (op === 'add') {
    const data = new TextEncoder().encode(d ?? '');
    r = yield* c.syscall('add_key', c.cstr(a!), c.cstr(b!), data.length ? c.put(data) : 0, data.length, id(e!));
  } else if (op === 'request') {
    r = yield* c.syscall('request_key', c.cstr(a!), c.cstr(b!), 0, 0);
  } else if (op === 'describe' || op === 'read') {
    const buf = c.alloc(256);
    r = yield* c.syscall('keyctl', CMD[op], id(a!), buf, 256);
    if (r >= 0) out = op === 'describe' ? new TextDecoder().decode(c.get(buf, r - 1)) : new TextDecoder().decode(c.get(buf, r));
  } else if (op === 'search') {
    r = yield* c.syscall('keyctl', CMD.search, id(a!), c.cstr(b!), c.cstr(d!), 0);
  } else {
    r = yield* c.syscall('keyctl', CMD[op as keyof typeof CMD], id(a!), b === undefined ? 0 : id(b));
  }
  yield* c.write(1, r < 0 ? `${strerror(-r)}\n` : `${out || r}\n`);
  return r < 0 ? 1 : 0;
}
register_programs({ tkeyctl: { main: tkeyctl, path: '/bin/tkeyctl' } });

let m: Machine;
beforeAll(() => { m = new Machine(); m.boot(); m.putFile('/bin/tkeyctl', kwb_image('tkeyctl'), 0o755); });
const sh = (cmd: string): string => m.runCommand(cmd).output;

describe('keys', () => {
  it('add_key puts a user key in the session keyring (the uid\'s user-session keyring), keyctl reads and describes it', () => {
    const serial = sh('tkeyctl add user kwb:test secret @s').trim();
    expect(Number(serial)).toBeGreaterThan(2);
    expect(sh(`tkeyctl read ${serial}`)).toBe('secret\n');
    expect(sh(`tkeyctl describe ${serial}`)).toBe('user;0;0;3f010000;kwb:test\n');
    expect(sh('tkeyctl search @s user kwb:test')).toBe(`${serial}\n`);
    expect(sh('tkeyctl request user kwb:test')).toBe(`${serial}\n`);
    // The same type and description again updates the key in place.
    expect(sh('tkeyctl add user kwb:test other @s')).toBe(`${serial}\n`);
    expect(sh(`tkeyctl read ${serial}`)).toBe('other\n');
    const hex = Number(serial).toString(16).padStart(8, '0');
    expect(sh('cat /proc/keys')).toMatch(new RegExp(`^${hex} I--Q--- +1 perm 3f010000 +0 +0 user +kwb:test: 5$`, 'm'));
    expect(sh('cat /proc/keys')).toMatch(/ keyring +_uid_ses\.0: 2$/m);
  });

  it('revoked keys answer EKEYREVOKED but can still be described; unknown ids ENOKEY; bad arguments their errnos', () => {
    const serial = sh('tkeyctl add user kwb:gone x @u').trim();
    expect(sh(`tkeyctl revoke ${serial}`)).toBe('0\n');
    expect(sh(`tkeyctl read ${serial}`)).toBe('Key has been revoked\n');
    expect(sh(`tkeyctl describe ${serial}`)).toBe('user;0;0;3f010000;kwb:gone\n');
    expect(sh(`grep ^${Number(serial).toString(16).padStart(8, '0')} /proc/keys`)).toMatch(/^[0-9a-f]{8} IR-Q--- /);
    expect(sh('tkeyctl read 2')).toBe('Required key not available\n');
    expect(sh('tkeyctl add nosuchtype d x @s')).toBe('No such device\n');
    expect(sh('tkeyctl add .builtin d x @s')).toBe('Operation not permitted\n');
    expect(sh('tkeyctl add user empty "" @s')).toBe('Invalid argument\n');
    expect(sh('tkeyctl request user kwb:missing')).toBe('Required key not available\n');
    expect(sh('tkeyctl id @t')).toBe('Required key not available\n');
  });

  it('link, unlink and clear change a keyring\'s contents; key-users counts the uid\'s keys in quota', () => {
    const ring = sh('tkeyctl add keyring kwb:ring "" @s').trim();
    const k = sh(`tkeyctl add user kwb:inner v ${ring}`).trim();
    expect(sh(`tkeyctl search ${ring} user kwb:inner`)).toBe(`${k}\n`);
    expect(sh(`tkeyctl link ${k} @u`)).toBe('0\n');
    expect(sh(`tkeyctl unlink ${k} ${ring}`)).toBe('0\n');
    expect(sh(`tkeyctl unlink ${k} ${ring}`)).toBe('No such file or directory\n');
    expect(sh(`tkeyctl search ${ring} user kwb:inner`)).toBe('Required key not available\n');
    expect(sh(`tkeyctl clear ${k}`)).toBe('Not a directory\n');
    expect(sh('tkeyctl clear @u')).toBe('0\n');
    expect(sh('cat /proc/key-users')).toMatch(/^ {4}0: +\d+ \d+\/\d+ [1-9]\d*\/1000000 \d+\/25000000\n$/);
  });
});
