// Pseudo-terminals: /dev/ptmx and devpts nodes (devpts mounted by whoever wants it: /init mounts none, as the reference's), a second terminal with its own login shell, echo and canonical mode through the pair, Ctrl-C to the foreground group, hangup when the master closes.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import type { EventMessage } from '../../../kernel-sim/api/protocol.ts';
import { pty_alloc, pty_master_write, type pty_pair } from '../../../kernel-sim/drivers/tty/pty.ts';
import { runqueue } from '../../../kernel-sim/kernel/sched/core.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';

function boot() {
  const m = new Machine({});
  const out = new Map<string, string>();
  m.on((ev: EventMessage) => { if (ev.stream === 'console') out.set(ev.data.tty, (out.get(ev.data.tty) ?? '') + ev.data.data); });
  m.boot();
  return { m, out, text: (tty: string) => out.get(tty) ?? '' };
}

/** What a distro's init does at boot; the workbench's /init, like the reference system's, leaves it to the user. */
const MOUNT_DEVPTS = 'mkdir -p /dev/pts && mount -t devpts -o nosuid,noexec devpts /dev/pts';

describe('Unix98 ptys', () => {
  it('has /dev/ptmx (5:2), devpts mountable at /dev/pts (not mounted at boot) with its ptmx, and the ptm and pts majors in /proc/devices', () => {
    const { m } = boot();
    expect(m.runCommand('ls -l /dev/ptmx').output).toMatch(/^crw-rw-rw- +1 root +tty +5, +2 .* \/dev\/ptmx$/m);
    expect(m.runCommand('grep -c devpts /proc/mounts').output).toBe('0\n');
    expect(m.runCommand(MOUNT_DEVPTS).status).toBe(0);
    expect(m.runCommand('grep devpts /proc/mounts').output).toBe('devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000 0 0\n');
    expect(m.runCommand('ls /dev/pts').output).toBe('ptmx\n');
    expect(m.runCommand('cat /proc/devices').output).toMatch(/^128 ptm\n136 pts$/m);
    expect(m.runCommand('cat /proc/devices').output).toMatch(/^  5 \/dev\/ptmx$/m);
  });

  it('opens the serial console first, then a pty with a login shell in its own session', () => {
    const { m, text } = boot();
    expect(m.openTty(80, 24)).toBe('ttyS0');
    const pts = m.openTty(100, 30);
    expect(pts).toBe('pts/0');
    m.runCommand(MOUNT_DEVPTS);
    expect(text('pts/0')).toMatch(/root@\S+:~# $/);
    m.ttyInput('pts/0', 'tty; stty size\r');
    expect(text('pts/0')).toContain('tty; stty size\r\n/dev/pts/0\r\n30 100\r\n');
    expect(m.runCommand('ls -l /dev/pts/0').output).toMatch(/^crw--w---- +1 root +tty +136, +0 .* \/dev\/pts\/0$/m);
    // The console still answers on its own.
    m.ttyInput('ttyS0', 'tty\r');
    expect(text('ttyS0')).toContain('tty\r\n/dev/console\r\n');
    expect(m.openTty(80, 24)).toBe('pts/1');
  });

  it('echoes and edits a line in canonical mode: a reader gets the line only at Enter, with erases applied', () => {
    const { m, text } = boot();
    m.openTty(80, 24);
    m.openTty(80, 24);
    m.ttyInput('pts/0', 'head -1\r');
    const before = text('pts/0').length;
    m.ttyInput('pts/0', 'abcX');
    expect(text('pts/0').slice(before)).toBe('abcX');
    m.ttyInput('pts/0', '\x7f d\r');
    expect(text('pts/0').slice(before)).toBe('abcX\b \b d\r\nabc d\r\nroot@kwb:~# ');
  });

  it('delivers Ctrl-C to the foreground process group on the pty, not to the console', () => {
    const { m, text } = boot();
    m.openTty(80, 24);
    m.openTty(80, 24);
    m.ttyInput('pts/0', 'sleep 100\r');
    m.runFor(1e9);
    const before = text('pts/0').length;
    m.ttyInput('pts/0', '\x03');
    m.runFor(1e8);
    expect(text('pts/0').slice(before)).toMatch(/^\^C\r\n(\r\n)?root@kwb:~# $/);
    m.ttyInput('pts/0', 'echo $?\r');
    expect(text('pts/0')).toMatch(/echo \$\?\r\n130\r\n/);
  });

  it('hangs up the slave when the master closes: the session gets SIGHUP and the node goes away', () => {
    const { m } = boot();
    m.openTty(80, 24);
    m.openTty(80, 24);
    m.runCommand(MOUNT_DEVPTS);
    const shells = () => m.inspect(() => [...runqueue().tasks.values()].filter((t) => t.signal.tty?.name === 'pts/0').length);
    const before = m.inspect(() => runqueue().tasks.size);
    expect(shells()).toBeGreaterThan(0);
    m.closeTty('pts/0');
    m.runFor(1e8);
    expect(shells()).toBe(0);
    expect(m.inspect(() => runqueue().tasks.size)).toBe(before - 1);
    expect(m.runCommand('ls /dev/pts').output).toBe('ptmx\n');
    expect(() => m.ttyInput('pts/0', 'x')).toThrow(/no such terminal/);
  });

  it('a user program can use /dev/ptmx: TIOCGPTN names the slave, master writes reach a slave reader', () => {
    const { m } = boot();
    m.runCommand(MOUNT_DEVPTS);
    let pair: pty_pair | number = -1;
    m.inspect(() => { pair = pty_alloc(); });
    expect(typeof pair).toBe('object');
    const p = pair as unknown as pty_pair;
    expect(m.runCommand('ls /dev/pts').output).toBe('0\nptmx\n');
    m.inspect(() => { pty_master_write(p, new TextEncoder().encode('from the master\n')); void ktime_get(); });
    expect(m.runCommand('head -1 /dev/pts/0').output).toBe('from the master\n');
  });
});
