// Namespaces: the reference's ns_uts/ns_pid/ns_mnt/ns_user captures, nested pid numbers and the death of a namespace's init, mount propagation, uid_map rules, setns and namespace lifetimes.
import { describe, it, expect, beforeAll } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { reference } from '../../fixtures/reference.ts';
import { load_machine } from '../../../kernel-sim/host/machines.ts';

let m: Machine;
beforeAll(() => { m = new Machine(); m.boot(); });

const sh = (cmd: string): string => m.runCommand(cmd).output;
/** Reference lines without the "# $" line; dynamic namespace inode numbers as N (their values depend on how many proc entries exist). */
const ref = (name: string): string[] => reference(name).split('\n').filter((l, i) => !(i === 0 && l.startsWith('# $')) && l !== '');
const dyn = (s: string): string => s.replace(/:\[40265(3[2-9]\d{3})\]/g, ':[N]');
const inum = (s: string, type: string): number => Number(new RegExp(`${type}:\\[(\\d+)\\]`).exec(s)?.[1]);

// The capture functions of capture.sh, as the reference ran them.
const NS_UTS = `hostname anchor
echo "outer: hostname=$(hostname) $(readlink /proc/self/ns/uts)"
unshare -u sh -c 'hostname inner; echo "inner: hostname=$(hostname) $(readlink /proc/self/ns/uts)"'
echo "outer after: hostname=$(hostname)"`;
const NS_MNT = `unshare -m sh -c 'mount -t tmpfs inner /mnt; echo "inner: $(readlink /proc/self/ns/mnt)"; grep " /mnt " /proc/self/mountinfo'
echo "outer: $(readlink /proc/self/ns/mnt)"
grep " /mnt " /proc/self/mountinfo || echo "outer: no mount on /mnt"`;
const NS_USER = `unshare -U -r sh -c 'echo "inner: $(readlink /proc/self/ns/user)"; id; cat /proc/self/uid_map /proc/self/gid_map'
echo "outer: $(readlink /proc/self/ns/user)"
id`;

describe('uts', () => {
  it('ns_uts: a new uts namespace has its own hostname, the outer one keeps its own', () => {
    const out = sh(NS_UTS).trim().split('\n');
    expect(out.map(dyn)).toEqual(ref('ns-uts.txt').map(dyn));
    expect(inum(out[1], 'uts')).toBeGreaterThanOrEqual(0xF0000000);
  });
});

describe('pid', () => {
  it('ns_pid: the first process of a new pid namespace is pid 1 there', () => {
    const out = sh(`unshare -p -f sh -c 'echo "inner: pid=$$ $(readlink /proc/self/ns/pid)"'`).trim();
    expect(dyn(out)).toBe(dyn(ref('ns-pid.txt')[1]));
    expect(out).not.toContain('4026531836');
  });

  it('--mount-proc shows only the namespace in /proc and ps', () => {
    const out = sh(`unshare -p -f --mount-proc sh -c 'ls /proc | grep "^[0-9]" | tr "\\n" " "; echo; ps -e -o pid,comm'`).trim().split('\n');
    const pids = out[0].trim().split(' ').map(Number);
    expect(pids[0]).toBe(1);
    expect(Math.max(...pids)).toBeLessThan(10);
    expect(out[1]).toMatch(/PID/);
    expect(out.slice(2).map((l) => l.trim().split(/\s+/)[1])).toEqual(expect.arrayContaining(['sh', 'ps']));
    expect(out.join('\n')).not.toMatch(/\binit\b|kthreadd/);
  });

  it('NSpid/NStgid list the numbers from the reader namespace down; getppid of the init is 0', () => {
    const out = sh(`unshare -p -f sh -c 'grep -E "^(NSpid|NStgid|PPid)" /proc/self/status'; unshare -p -f --mount-proc sh -c 'grep PPid /proc/1/status; sleep 5 & grep PPid /proc/$!/status'`);
    const nspid = /NSpid:\t(\d+)\t(\d+)/.exec(out);
    expect(nspid).not.toBeNull();
    expect(Number(nspid![1])).toBeGreaterThan(1);
    expect(nspid![2]).not.toBe(nspid![1]);
    expect(out).toContain('PPid:\t0\nPPid:\t1\n');
  });

  it("the namespace's init ignores SIGKILL from inside; an outside kill of the init takes the rest down", () => {
    expect(sh(`unshare -p -f sh -c 'kill -9 1; echo init-alive'`)).toContain('init-alive');
    const out = sh(`unshare -p -f sh -c 'sleep 300 & sleep 300 & exec sleep 1'; echo rc=$?; sleep 1; ps -e -o stat,comm | grep sleep | grep -v Z | wc -l`);
    expect(out.trim().split('\n').at(-1)!.trim()).toBe('0');
  });

  it('nested namespaces: each level numbers from 1, kill from the outer level reaches inner tasks by their outer number', () => {
    const out = sh(`unshare -p -f sh -c 'unshare -p -f sh -c \"readlink /proc/self/ns/pid; exec grep NSpid /proc/self/status\"; readlink /proc/self/ns/pid'`);
    expect(out).toMatch(/NSpid:\t\d+\t\d+\t1\n/);
    const [a, b] = out.match(/pid:\[\d+\]/g)!;
    expect(a).not.toBe(b);
    const k = sh(`unshare -p -f sleep 300 & sleep 1; p=$(ps -e -o pid,comm | grep sleep | tail -1 | tr -s " " | cut -d" " -f2); kill $p; wait; echo done`);
    expect(k).toContain('done');
  });
});

describe('mnt', () => {
  it('ns_mnt: a mount made in a new mount namespace is not in the old one', () => {
    const out = sh(NS_MNT).trim().split('\n');
    const r = ref('ns-mnt.txt');
    expect(dyn(out[0])).toBe(dyn(r[0]));
    // Mount ids and the anonymous device number depend on the mounts made before.
    const norm = (l: string): string => l.replace(/^\d+ \d+ 0:\d+ /, 'ID PARENT 0:DEV ');
    expect(norm(out[1])).toBe(norm(r[1]));
    expect(out.slice(2)).toEqual(r.slice(2));
  });

  it('propagation: shared peers across namespaces, slaves receive but do not send, unbindable refuses binds', () => {
    const out = sh(`mkdir -p /tmp/pa /tmp/pb; mount -t tmpfs pa /tmp/pa; mount --make-shared /tmp/pa; mkdir /tmp/pa/x /tmp/pa/y /tmp/pa/z
unshare -m --propagation unchanged sh -c 'mount -t tmpfs fromns /tmp/pa/x'
mount --bind /tmp/pa /tmp/pb; mount --make-slave /tmp/pb
mount -t tmpfs y /tmp/pa/y; mount -t tmpfs z /tmp/pb/z
grep /tmp/p /proc/self/mountinfo | cut -d" " -f5-8
umount /tmp/pa/y; echo "copies left: $(grep -c "/tmp/pb/y " /proc/self/mountinfo)"
mount --make-unbindable /tmp/pb; mount --bind /tmp/pb /mnt; echo bind-rc=$?`);
    const lines = out.trim().split('\n');
    expect(lines.some((l) => /^\/tmp\/pa rw,relatime shared:\d+ -$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\/tmp\/pa\/x rw,relatime shared:\d+ -$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\/tmp\/pb rw,relatime master:\d+ -$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\/tmp\/pb\/y rw,relatime master:\d+ -$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('/tmp/pb/z'))).toBe(true);
    expect(lines.some((l) => l.startsWith('/tmp/pa/z'))).toBe(false);
    expect(out).toContain('bind-rc=32');
    // Unmounting the shared original takes its propagated copy in the slave along.
    expect(out).toContain('copies left: 0');
  });

  it('private: the default of unshare -m; a read-only bind remount', () => {
    const out = sh(`mkdir -p /tmp/pr; mount -t tmpfs pr /tmp/pr; mount --make-shared /tmp/pr; mkdir /tmp/pr/q
unshare -m sh -c 'mount -t tmpfs hidden /tmp/pr/q; grep -c /tmp/pr/q /proc/self/mountinfo'
grep -c /tmp/pr/q /proc/self/mountinfo
mkdir -p /tmp/ro; mount --bind /tmp/pr /tmp/ro; mount -o remount,ro,bind /tmp/ro; touch /tmp/ro/f 2>&1; grep " /tmp/ro " /proc/self/mountinfo | cut -d" " -f6,10-`);
    const l = out.trim().split('\n');
    expect(l[0]).toBe('1');
    expect(l[1]).toBe('0');
    expect(out).toMatch(/Read-only file system/);
    expect(out).toContain('ro,relatime pr rw,inode64');
  });

  it('pivot_root: refused while the root is rootfs (an initramfs), done from a disk root into the romfs on /dev/ram0', () => {
    expect(sh(`unshare -m sh -c 'mkdir -p /tmp/nr; mount -t tmpfs nr /tmp/nr; mkdir /tmp/nr/old; pivot_root /tmp/nr /tmp/nr/old'`)).toContain('Invalid argument');
    const d = new Machine(load_machine('default'));
    d.boot();
    const out = d.runCommand(`unshare -m sh -c 'mkdir -p /newroot; mount -t romfs /dev/ram0 /newroot; cd /newroot; pivot_root . mnt; echo pivot=$?
cd /; mount -t proc proc /proc; umount -l /mnt; cat /proc/self/mountinfo'; grep -c newroot /proc/self/mountinfo; ls /bin/sh`).output;
    expect(out).toContain('pivot=0');
    expect(out).toMatch(/^\d+ \d+ 1:0 \/ \/ ro,relatime - romfs \/dev\/ram0 ro$/m);
    expect(out).not.toContain('ext2');
    // Private propagation kept it all inside; the outer namespace still has its root filesystem.
    expect(out).toContain('\n0\n/bin/sh');
  });
});

describe('user', () => {
  it('ns_user: --map-root-user maps root to the caller', () => {
    const out = sh(NS_USER).trim().split('\n');
    const noGroups = (l: string): string => l.replace(' groups=0(root)', '');
    expect(out.map(dyn).map(noGroups)).toEqual(ref('ns-user.txt').map(dyn));
  });

  it('uid_map/gid_map: one write, own id only without CAP_SETUID, gid_map after setgroups deny, no overlaps', () => {
    const out = sh(`unshare -U sh -c 'id -u; echo "0 0 2" > /proc/self/uid_map; echo two=$?; echo "0 0 1" > /proc/self/gid_map; echo gid=$?
echo deny > /proc/self/setgroups; echo "0 0 1" > /proc/self/gid_map; echo gid-after-deny=$?; echo allow > /proc/self/setgroups; echo allow=$?
echo "0 0 1" > /proc/self/uid_map; echo own=$?; echo "0 0 1" > /proc/self/uid_map; echo again=$?; id -u'`);
    expect(out).toMatch(/^65534\n/);
    expect(out).toMatch(/two=[1-9]/);
    expect(out).toMatch(/gid=[1-9]/);
    expect(out).toContain('gid-after-deny=0');
    expect(out).toMatch(/allow=[1-9]/);
    expect(out).toContain('own=0');
    expect(out).toMatch(/again=[1-9]/);
    expect(out.trim().split('\n').at(-1)).toBe('0');
    // From the parent namespace with CAP_SETUID: several extents, overlaps refused.
    const p = sh(`unshare -U sleep 100 & sleep 1; pid=$!
printf '0 0 1\\n0 5 1\\n' > /proc/$pid/gid_map; echo "overlap: $(cat /proc/$pid/gid_map)"
printf '0 0 1\\n1 100000 10\\n' > /proc/$pid/uid_map; echo multi=$?; cat /proc/$pid/uid_map; kill $pid`);
    expect(p).toContain('overlap: \n');
    expect(p).toContain('multi=0');
    expect(p).toContain('         0          0          1\n         1     100000         10\n');
  });

  it('capabilities: full inside a new user namespace, but not over namespaces the init user namespace owns', () => {
    const out = sh(`unshare -r sh -c 'grep CapEff /proc/self/status; hostname nope; echo host=$?; unshare -u sh -c "hostname mine && hostname"'`);
    expect(out).toContain('CapEff:\t000001ffffffffff');
    expect(out).toMatch(/host=[1-9]/);
    expect(out).toContain('mine');
  });
});

describe('setns and lifetimes', () => {
  it('nsenter joins a running process\'s namespaces; a bind mount of its ns file keeps the namespace after it exits', () => {
    const out = sh(`unshare -u sh -c 'hostname held; sleep 100' & sleep 1; pid=$!
nsenter -t $pid -u hostname
touch /tmp/utsref; mount --bind /proc/$pid/ns/uts /tmp/utsref
ino=$(readlink /proc/$pid/ns/uts); kill $pid; wait
nsenter --uts=/tmp/utsref hostname; echo $ino; ls -i /tmp/utsref`);
    const l = out.trim().split('\n');
    expect(l[0]).toBe('held');
    expect(l[1]).toBe('held');
    expect(l[3]).toContain(String(inum(l[2], 'uts')));
  });

  it('a namespace with no holder left is freed: the next one gets its inode number', () => {
    const out = sh(`unshare -u readlink /proc/self/ns/uts; unshare -u readlink /proc/self/ns/uts; unshare -i readlink /proc/self/ns/ipc`);
    const [a, b, c] = out.trim().split('\n');
    expect(inum(a, 'uts')).toBe(inum(b, 'uts'));
    expect(inum(c, 'ipc')).toBe(inum(a, 'uts'));
  });

  it('/proc/self/ns lists the time_for_children and pid_for_children links, which follow unshare before a fork', () => {
    const out = sh(`unshare -T sh -c 'readlink /proc/$$/ns/time /proc/$$/ns/time_for_children' 2>&1; unshare -p sh -c 'readlink /proc/$$/ns/pid /proc/$$/ns/pid_for_children' 2>&1`);
    const l = out.trim().split('\n');
    expect(l).toHaveLength(4);
    expect(l[0]).toBe('time:[4026531834]');
    expect(l[1]).toMatch(/^time:\[\d+\]$/);
    expect(l[1]).not.toBe(l[0]);
    expect(l[2]).toBe('pid:[4026531836]');
    expect(l[3]).not.toBe(l[2]);
  });
});
