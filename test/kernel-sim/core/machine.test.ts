// Boot panics, reboot/halt/poweroff, determinism across runs, and a host exception in kernel code becoming a BUG report.
import { describe, it, expect, afterEach } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run, dmesg, dmesgRaw } from './harness.ts';
import { programs, type program } from '../../../kernel-sim/user/bin/index.ts';
import { register_chrdev } from '../../../kernel-sim/fs/char_dev.ts';
import type { file_operations } from '../../../kernel-sim/include/linux/fs_types.ts';
import { SIGSEGV } from '../../../kernel-sim/include/uapi/signal.ts';
import {
  LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART, LINUX_REBOOT_CMD_HALT, LINUX_REBOOT_CMD_POWER_OFF,
} from '../../../kernel-sim/kernel/reboot.ts';

const consoleOf = (m: Machine): string => (m as unknown as { backlog: string }).backlog;

describe('boot panics', () => {
  it('init= naming a missing program (no initramfs /init) panics with "Requested init ... failed (error -2)"', () => {
    const m = boot({ cmdline: 'console=ttyS0 rdinit=/nosuch init=/bin/nosuch' });
    expect(m.info().state).toBe('panicked');
    expect(consoleOf(m)).toContain('Kernel panic - not syncing: Requested init /bin/nosuch failed (error -2).');
    expect(() => m.runCommand('true')).toThrow(/panicked/);
  });

  const saved: Record<string, program> = {};
  afterEach(() => { Object.assign(programs, saved); });

  it('with no init anywhere the kernel panics with "No working init found."', () => {
    for (const k of ['init', 'sh']) { saved[k] = programs[k]; delete programs[k]; }
    const m = boot({ cmdline: 'console=ttyS0 rdinit=/nosuch' });
    expect(m.info().state).toBe('panicked');
    expect(consoleOf(m)).toContain('Kernel panic - not syncing: No working init found.');
  });
});

describe('reboot(2), halt and poweroff', () => {
  const rebootCall = (cmd: number) => function* (c: import('../../../kernel-sim/user/lib/libc.ts').Libc) {
    yield* c.syscall('reboot', LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0);
    return 0;
  };

  it('reboot boots the machine again: bootCount goes up and commands run on the new kernel', () => {
    const m = boot();
    const before = m.info().bootCount;
    run(m, function* (c) { yield* c.sethostname('changed'); return 0; });
    expect(m.runCommand('uname -n').output).toBe('changed\n');
    run(m, rebootCall(LINUX_REBOOT_CMD_RESTART));
    expect(m.info().state).toBe('running');
    expect(m.info().bootCount).toBe(before + 1);
    expect(m.runCommand('uname -n').output).toBe('kwb\n');
  });

  it('halt stops the machine', () => {
    const m = boot();
    run(m, rebootCall(LINUX_REBOOT_CMD_HALT));
    expect(m.info().state).toBe('halted');
    expect(consoleOf(m)).toContain('reboot: System halted');
    expect(() => m.runCommand('true')).toThrow();
  });

  it('poweroff turns it off', () => {
    const m = boot();
    run(m, rebootCall(LINUX_REBOOT_CMD_POWER_OFF));
    expect(m.info().state).toBe('off');
    expect(consoleOf(m)).toContain('reboot: Power down');
  });

  it('a bad magic is EINVAL and a non-root caller gets EPERM', () => {
    const m = boot();
    const rets: number[] = [];
    run(m, function* (c) {
      rets.push(yield* c.syscall('reboot', 1, 2, LINUX_REBOOT_CMD_HALT, 0));
      yield* c.syscall('setuid', 1000);
      rets.push(yield* c.syscall('reboot', LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_HALT, 0));
      return 0;
    });
    expect(rets).toEqual([-22, -1]);
    expect(m.info().state).toBe('running');
  });
});

describe('determinism', () => {
  it('the same seed and commands give byte-identical dmesg and trace export', () => {
    const session = (): [string, string, string] => {
      const m = new Machine({ seed: 42 });
      m.boot();
      let out = '';
      for (const cmd of ['uname -a', 'echo one | sh -c "read x; echo $x"', 'strace -f sh -c "echo hi"', 'false || echo no']) out += m.runCommand(cmd).output;
      m.runFor(2_000_000_000);
      return [dmesgRaw(m), m.exportTrace(), out];
    };
    const a = session();
    const b = session();
    expect(a[0].length).toBeGreaterThan(1000);
    expect(JSON.parse(a[1]).traceEvents.length).toBeGreaterThan(100);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[1]);
    expect(b[2]).toBe(a[2]);
  });
});

describe('host exceptions in kernel code', () => {
  it('a throwing file_operations becomes a kernel BUG with taint D; the process dies and the machine goes on', () => {
    const m = boot();
    const fops: file_operations = {
      read: function* () { throw new Error('injected fault in oopsdev_read'); },
    };
    const major = m.inspect(() => register_chrdev(0, 'oopsdev', fops));
    expect(major).toBeGreaterThan(0);
    let status = -1;
    run(m, function* (c) {
      yield* c.mknod('/dev/oopsdev', 0o020600, (major << 8) | 0);
      const kid = yield* c.fork(function* (cc) {
        const fd = yield* cc.open('/dev/oopsdev');
        yield* cc.read(fd, 10);
        return 0;
      });
      const w = yield* c.waitpid(kid);
      if (typeof w !== 'number') status = w[1];
      return 0;
    });
    expect(status & 0x7f).toBe(SIGSEGV);
    const log = dmesg(m);
    expect(log).toContain('kernel BUG in kernel-sim: injected fault in oopsdev_read');
    // print_tainted() is one column per taint flag (19 in 6.1), unset ones blank: D is the 8th, then 11 blanks.
    expect(log.some((l) => /^CPU: \d+ PID: \d+ Comm: \S+ Tainted: G {6}D {11} 6\.1\.0/.test(l))).toBe(true);
    expect(m.info().taint).toContain('D');
    expect(m.info().state).toBe('running');
    expect(m.runCommand('echo still running')).toEqual({ output: 'still running\n', status: 0 });
  });
});
