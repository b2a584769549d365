// nsfs and setns from a program: ioctl_ns (NS_GET_NSTYPE, NS_GET_USERNS, NS_GET_PARENT, NS_GET_OWNER_UID), setns by an nsfs fd and by a pidfd, clone3 with CLONE_NEWPID, and an open fd holding a namespace.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from '../core/harness.ts';
import { NS_GET_NSTYPE, NS_GET_USERNS, NS_GET_PARENT, NS_GET_OWNER_UID } from '../../../kernel-sim/fs/nsfs.ts';
import { CLONE_NEWUTS, CLONE_NEWPID, CLONE_NEWUSER } from '../../../kernel-sim/kernel/nsproxy.ts';
import { EPERM, EINVAL } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

describe('ioctl_ns', () => {
  it('NS_GET_NSTYPE, NS_GET_USERNS, NS_GET_PARENT and NS_GET_OWNER_UID', () => {
    const seen: Record<string, number | string> = {};
    run(m, function* (c) {
      const uts = yield* c.open('/proc/self/ns/uts');
      seen.type = (yield* c.ioctl(uts, NS_GET_NSTYPE))[0];
      const u = (yield* c.ioctl(uts, NS_GET_USERNS))[0];
      seen.userns = (yield* c.readlink(`/proc/self/fd/${u}`)) as string;
      seen.parent_init = (yield* c.ioctl((yield* c.open('/proc/self/ns/pid')), NS_GET_PARENT))[0];
      seen.uts_parent = (yield* c.ioctl(uts, NS_GET_PARENT))[0];
      // A child pid namespace's parent is ours; a user namespace's owner is its creator's uid.
      seen.unshare = yield* c.syscall('unshare', CLONE_NEWPID | CLONE_NEWUSER);
      const child = yield* c.open('/proc/self/ns/pid_for_children');
      const p = (yield* c.ioctl(child, NS_GET_PARENT))[0];
      seen.parent = (yield* c.readlink(`/proc/self/fd/${p}`)) as string;
      const owner = yield* c.ioctl(yield* c.open('/proc/self/ns/user'), NS_GET_OWNER_UID, 0, 4);
      seen.owner_rc = owner[0];
      seen.owner = new DataView(owner[1].buffer).getUint32(0, true);
      return 0;
    });
    expect(seen.type).toBe(CLONE_NEWUTS);
    expect(seen.userns).toBe('user:[4026531837]');
    expect(seen.parent_init).toBe(-EPERM);
    expect(seen.uts_parent).toBe(-EINVAL);
    expect(seen.unshare).toBe(0);
    expect(seen.parent).toBe('pid:[4026531836]');
    expect(seen.owner_rc).toBe(0);
    expect(seen.owner).toBe(65534); // root outside is not mapped in the new namespace yet
  });
});

describe('setns', () => {
  it('by an nsfs fd, which keeps the namespace alive after its last process; by a pidfd; wrong nstype is EINVAL', () => {
    const seen: Record<string, number | string> = {};
    run(m, function* (c) {
      const [r, w] = (yield* c.pipe()) as [number, number];
      const kid = yield* c.fork(function* (cc) {
        yield* cc.syscall('unshare', CLONE_NEWUTS);
        yield* cc.sethostname('far');
        yield* cc.write(w, 'x');
        yield* cc.nanosleep(50_000_000);
        return 0;
      });
      yield* c.read(r, 1);
      const fd = yield* c.open(`/proc/${kid}/ns/uts`);
      const pidfd = yield* c.syscall('pidfd_open', kid, 0);
      seen.wrong = yield* c.syscall('setns', fd, CLONE_NEWPID);
      seen.bypidfd = yield* c.fork(function* (cc) {
        const e = yield* cc.syscall('setns', pidfd, CLONE_NEWUTS);
        const u = yield* cc.uname();
        return e === 0 && typeof u !== 'number' && u.nodename === 'far' ? 7 : 1;
      });
      const st = yield* c.waitpid(seen.bypidfd as number);
      seen.bypidfd_status = typeof st === 'number' ? st : st[1] >> 8;
      yield* c.waitpid(kid);
      seen.set = yield* c.syscall('setns', fd, CLONE_NEWUTS);
      const u = yield* c.uname();
      seen.host = typeof u === 'number' ? u : u.nodename;
      return 0;
    });
    expect(seen.wrong).toBe(-EINVAL);
    expect(seen.bypidfd_status).toBe(7);
    expect(seen.set).toBe(0);
    expect(seen.host).toBe('far');
  });
});
