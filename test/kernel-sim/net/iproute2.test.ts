// ip link/addr/route over rtnetlink: the reference's `ns_net` output (busybox ip), veth pairs, moving a device to another namespace.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { reference } from '../../fixtures/reference.ts';
import { enter_new_netns, in_new_netns } from './helpers.ts';

describe('ip (rtnetlink)', () => {
  it('ns_net with unshare -n: the reference capture function, line for line apart from the inner inum', () => {
    const m = boot();
    const got = m.runCommand(`unshare -n sh -c 'echo "inner: $(readlink /proc/self/ns/net)"; ip link'; echo "outer: $(readlink /proc/self/ns/net)"; ip link`).output.split('\n');
    const ref = reference('ns-net.txt').split('\n').slice(1);
    expect(got[0]).toMatch(/^inner: net:\[\d+\]$/);
    expect(got.slice(1)).toEqual(ref.slice(1));
  });

  it('ns_net: a new network namespace has only lo, down, as the reference shows; the outer one too', () => {
    const m = boot();
    const r = run(m, function* (c) {
      yield* in_new_netns(c, 'echo "inner: $(readlink /proc/self/ns/net)"; ip link');
      return yield* in_new_netns(c, 'true');
    });
    const outer = m.runCommand('echo "outer: $(readlink /proc/self/ns/net)"; ip link').output;
    const ref = reference('ns-net.txt').split('\n').slice(1);
    const got = (r.output + outer).split('\n');
    expect(got[0]).toMatch(/^inner: net:\[\d+\]$/);
    expect(got[0]).not.toBe('inner: net:[4026531840]');
    expect(got.slice(1)).toEqual(ref.slice(1));
  });

  it('veth pair: peer first, @peer names, M-DOWN until the peer is up, carrier once both are', () => {
    const m = boot();
    const out = m.runCommand('ip link add veth0 type veth peer name veth1; ip link set veth0 up; ip link; ip link set veth1 up; ip link show veth0').output;
    const lines = out.split('\n');
    expect(lines[2]).toBe('2: veth1@veth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000');
    expect(lines[3]).toMatch(/^ {4}link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff$/);
    expect(lines[4]).toBe('3: veth0@veth1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue qlen 1000');
    expect(lines[6]).toBe('3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue qlen 1000');
    expect(m.runCommand('cat /sys/class/net/veth0/operstate /sys/class/net/veth1/operstate /sys/class/net/veth0/iflink').output).toBe('up\nup\n2\n');
    expect(m.runCommand('ip link add veth0 type veth peer name x').output).toBe('ip: RTNETLINK answers: File exists\n');
    expect(m.runCommand('ip link set nosuch up').output).toBe("ip: can't find device 'nosuch'\n");
    expect(m.runCommand('ip link del veth1; ip link | grep -c veth; ls /sys/class/net').output).toBe('0\nlo\n');
  });

  it('ip link set DEV netns PID moves a veth end into that process namespace (gone from sysfs, @ifN outside)', () => {
    const m = boot();
    const r = run(m, function* (c) {
      const [rfd, wfd] = (yield* c.pipe()) as [number, number];
      const pid = yield* c.fork(function* (cc) {
        yield* enter_new_netns(cc);
        yield* cc.close(wfd);
        yield* cc.read(rfd, 1); // wait until moved
        return yield* cc.execve('/bin/sh', ['sh', '-c', 'ip link; ls /sys/class/net']);
      });
      yield* c.close(rfd);
      const sh = yield* c.fork(function* (cc) {
        return yield* cc.execve('/bin/sh', ['sh', '-c', `ip link add veth0 type veth peer name veth1 && ip link set veth1 netns ${pid} && ip link show veth0`]);
      });
      yield* c.waitpid(sh);
      yield* c.write(wfd, 'x');
      yield* c.waitpid(pid);
      return 0;
    });
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('3: veth0@if2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop qlen 1000');
    expect(lines[2]).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000');
    expect(lines[4]).toBe('2: veth1@if3: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop qlen 1000');
    expect(lines[6]).toBe('lo');
    expect(lines[7]).toBe('veth0');
  });
});
