// ptrace(2) as strace uses it, the guest strace's output format, and the hung-task detector.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run, dmesg, install } from './harness.ts';
import { O_RDONLY, O_CLOEXEC } from '../../../kernel-sim/include/uapi/stat.ts';
import { SIGTRAP, SIGSTOP, SIGKILL, SIGUSR1 } from '../../../kernel-sim/include/uapi/signal.ts';
import { EPERM, ESRCH } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { __NR } from '../../../kernel-sim/arch/x86/entry/syscalls/syscall_64.tbl.ts';
import { kernel_thread } from '../../../kernel-sim/kernel/fork.ts';
import { schedule, set_current_state } from '../../../kernel-sim/kernel/sched/core.ts';
import { TASK_UNINTERRUPTIBLE } from '../../../kernel-sim/include/linux/sched.ts';
import { hungTaskState } from '../../../kernel-sim/kernel/hung_task.ts';

const PTRACE_TRACEME = 0, PTRACE_PEEKDATA = 2, PTRACE_CONT = 7, PTRACE_ATTACH = 16, PTRACE_DETACH = 17, PTRACE_SYSCALL = 24;
const PTRACE_SETOPTIONS = 0x4200, PTRACE_GET_SYSCALL_INFO = 0x420e;
const PTRACE_O_TRACESYSGOOD = 1, PTRACE_O_TRACEEXEC = 0x10;
const __WALL = 0x40000000;

let m: Machine;
beforeAll(() => { m = boot(); });

describe('ptrace', () => {
  it('TRACEME + SIGSTOP, syscall-stops at entry and exit with SIGTRAP|0x80, GET_SYSCALL_INFO, PEEKDATA, exec event', () => {
    const events: string[] = [];
    const r = run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.syscall('ptrace', PTRACE_TRACEME, 0, 0, 0);
        yield* cc.kill(yield* cc.getpid(), SIGSTOP);
        yield* cc.syscall('getppid');
        yield* cc.write(1, 'tracee\n');
        yield* cc.execve('/bin/true', ['true']);
        return 9;
      });
      let w = yield* c.waitpid(kid, __WALL);
      if (typeof w === 'number') return 1;
      events.push(`stop ${(w[1] >> 8) & 0xff}`);
      yield* c.syscall('ptrace', PTRACE_SETOPTIONS, kid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC);
      const info = c.alloc(88);
      const word = c.alloc(8);
      for (let n = 0; n < 40; n++) {
        yield* c.syscall('ptrace', PTRACE_SYSCALL, kid, 0, 0);
        w = yield* c.waitpid(kid, __WALL);
        if (typeof w === 'number') break;
        const st = w[1];
        if ((st & 0x7f) !== 0x7f) { events.push(`exit ${st >> 8}`); break; }
        if (((st >> 8) & 0xff) === (SIGTRAP | 0x80)) {
          const size = yield* c.syscall('ptrace', PTRACE_GET_SYSCALL_INFO, kid, 88, info);
          const b = c.get(info, 88);
          const dv = new DataView(b.buffer);
          if (b[0] === 1) {
            const nr = Number(dv.getBigUint64(24, true));
            let extra = '';
            if (nr === __NR.write) {
              // Read the tracee's buffer with PEEKDATA.
              yield* c.syscall('ptrace', PTRACE_PEEKDATA, kid, Number(dv.getBigUint64(40, true)), word);
              extra = ' ' + JSON.stringify(new TextDecoder().decode(c.get(word, 7)));
            }
            events.push(`entry ${nr}${extra} size=${size} arch=${dv.getUint32(4, true).toString(16)}`);
          } else if (b[0] === 2) events.push(`exit-stop rval=${dv.getBigInt64(24, true)} err=${b[32]} size=${size}`);
        } else if (st >> 16) events.push(`event ${st >> 16}`);
        else events.push(`signal ${(st >> 8) & 0xff}`);
      }
      return 0;
    });
    expect(r.status).toBe(0);
    expect(r.output).toBe('tracee\n');
    expect(events).toEqual([
      `stop ${SIGSTOP}`,
      `entry ${__NR.getppid} size=80 arch=c000003e`, expect.stringMatching(/^exit-stop rval=\d+ err=0 size=33$/),
      `entry ${__NR.write} "tracee\\n" size=80 arch=c000003e`, 'exit-stop rval=7 err=0 size=33',
      `entry ${__NR.execve} size=80 arch=c000003e`, 'event 4', 'exit-stop rval=0 err=0 size=33',
      `entry ${__NR.exit_group} size=80 arch=c000003e`, 'exit 0',
    ]);
  });

  it('ATTACH stops a running process, DETACH lets it go; permission and state checks', () => {
    const rets: Record<string, number> = {};
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) { for (;;) yield* cc.nanosleep(1_000_000); });
      yield* c.nanosleep(1_000_000);
      rets.contBeforeAttach = yield* c.syscall('ptrace', PTRACE_CONT, kid, 0, 0);
      rets.attach = yield* c.syscall('ptrace', PTRACE_ATTACH, kid, 0, 0);
      rets.attachAgain = yield* c.syscall('ptrace', PTRACE_ATTACH, kid, 0, 0);
      const w = yield* c.waitpid(kid, __WALL);
      rets.stopSig = typeof w === 'number' ? w : (w[1] >> 8) & 0xff;
      rets.detach = yield* c.syscall('ptrace', PTRACE_DETACH, kid, 0, 0);
      yield* c.nanosleep(3_000_000);
      rets.aliveAfterDetach = yield* c.kill(kid, 0);
      rets.attachInit = yield* c.syscall('ptrace', PTRACE_ATTACH, 1, 0, 0);
      rets.attachKthread = yield* c.syscall('ptrace', PTRACE_ATTACH, 2, 0, 0);
      yield* c.kill(kid, SIGKILL);
      yield* c.waitpid(kid);
      return 0;
    });
    expect(rets).toEqual({
      contBeforeAttach: -ESRCH, attach: 0, attachAgain: -EPERM, stopSig: SIGSTOP, detach: 0,
      aliveAfterDetach: 0, attachInit: -EPERM, attachKthread: -EPERM,
    });
  });

  it('a signal sent to a tracee stops it first; the tracer can suppress it', () => {
    const seen: number[] = [];
    let handled = 0;
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.signal(SIGUSR1, () => { handled++; });
        yield* cc.syscall('ptrace', PTRACE_TRACEME, 0, 0, 0);
        for (;;) yield* cc.nanosleep(1_000_000);
      });
      yield* c.nanosleep(2_000_000);
      yield* c.kill(kid, SIGUSR1);
      let w = yield* c.waitpid(kid, __WALL);
      if (typeof w !== 'number') seen.push((w[1] >> 8) & 0xff);
      yield* c.syscall('ptrace', PTRACE_CONT, kid, 0, 0); // suppressed
      yield* c.nanosleep(2_000_000);
      yield* c.kill(kid, SIGUSR1);
      w = yield* c.waitpid(kid, __WALL);
      if (typeof w !== 'number') seen.push((w[1] >> 8) & 0xff);
      yield* c.syscall('ptrace', PTRACE_CONT, kid, 0, SIGUSR1); // delivered
      yield* c.nanosleep(2_000_000);
      yield* c.kill(kid, SIGKILL);
      w = yield* c.waitpid(kid, __WALL);
      if (typeof w !== 'number') seen.push(w[1] & 0x7f);
      return 0;
    });
    expect(seen).toEqual([SIGUSR1, SIGUSR1, SIGKILL]);
    expect(handled).toBe(1);
  });
});

describe('strace', () => {
  it('prints strace-format lines for echo hi', () => {
    const r = m.runCommand('strace echo hi');
    expect(r.status).toBe(0);
    expect(r.output).toBe([
      'execve("/bin/echo", ["echo", "hi"], 0x' + r.output.match(/0x([0-9a-f]+) \/\*/)![1] + ' /* 4 vars */) = 0',
      'write(1, "hi\\n", 3hi',
      ')                     = 3',
      'exit_group(0)                           = ?',
      '+++ exited with 0 +++',
      '',
    ].join('\n'));
  });

  it('decodes flags, AT_FDCWD, errors, truncated strings and read buffers', () => {
    const path = '/tmp/' + 'long-name-'.repeat(4);
    m.runCommand(`echo 'Linux version 6.1.0-kwb (and a long tail)' > ${path}`);
    const prog = install(m, function* (c) {
      const fd = yield* c.open(path, O_RDONLY | O_CLOEXEC);
      yield* c.read(fd, 131072);
      yield* c.syscall('fcntl', fd, 1030, 10);
      yield* c.open('/nonexistent');
      yield* c.write(1, '\x1b[1mbold\t\x00end\n');
      return 3;
    });
    const r = m.runCommand(`strace ${prog} > /dev/null`);
    const lines = r.output.split('\n');
    expect(lines).toContain('openat(AT_FDCWD, "/tmp/long-name-long-name-long-na"..., O_RDONLY|O_CLOEXEC) = 3');
    expect(lines).toContain('read(3, "Linux version 6.1.0-kwb (and a l"..., 131072) = 42');
    expect(lines).toContain('fcntl(3, F_DUPFD_CLOEXEC, 10)           = 10');
    expect(lines).toContain('openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)');
    expect(lines).toContain('write(1, "\\33[1mbold\\t\\0end\\n", 14)     = 14');
    expect(lines).toContain('exit_group(3)                           = ?');
    expect(lines.at(-2)).toBe('+++ exited with 3 +++');
    expect(r.status).toBe(3);
  });

  it('-f follows children with [pid N] prefixes; -o writes to a file', () => {
    const r = m.runCommand('strace -f -o /tmp/trace.out sh -c "echo a; uname -s"; echo status=$?');
    expect(r.output).toBe('a\nLinux\nstatus=0\n');
    const t = run(m, function* (c) {
      const text = yield* c.read_text('/tmp/trace.out');
      yield* c.write(1, typeof text === 'string' ? text : 'ERR');
      return 0;
    }).output;
    expect(t).toMatch(/^execve\("\/bin\/sh", \["sh", "-c", "echo a; uname -s"\]/);
    expect(t).toMatch(/clone\(child_stack=NULL, flags=SIGCHLD\) += \d+/);
    expect(t).toMatch(/\[pid +\d+\] execve\("\/bin\/uname", \["uname", "-s"\]/);
    expect(t).toMatch(/\[pid +\d+\] uname\(\{sysname="Linux", nodename="kwb", \.\.\.\}\) = 0/);
    expect(t).toMatch(/\[pid +\d+\] \+\+\+ exited with 0 \+\+\+/);
    expect(t).toMatch(/\[pid +\d+\] wait4\(\d+,  <unfinished \.\.\.>/);
    expect(t).toMatch(/<\.\.\. wait4 resumed>\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) = \d+/);
    expect(t).toMatch(/\+\+\+ exited with 0 \+\+\+\n$/);
  });

  it('a killed tracee is reported as killed by the signal', () => {
    const prog = install(m, function* (c) { yield* c.kill(yield* c.getpid(), SIGKILL); return 0; });
    const r = m.runCommand(`strace ${prog}`);
    expect(r.output).toMatch(/\nkill\(\d+, SIGKILL\) += \?\n\+\+\+ killed by SIGKILL \+\+\+\n$/);
    expect(r.status).toBe(128 + SIGKILL);
  });
});

describe('hung tasks', () => {
  it('khungtaskd reports a task that can never wake after 120 s, in Linux format', () => {
    const mm = boot();
    const pid = mm.inspect(() => kernel_thread(function* () {
      for (;;) { set_current_state(TASK_UNINTERRUPTIBLE); yield* schedule(); }
    }, 'stuckd'));
    mm.runFor(100e9);
    expect(dmesg(mm).some((l) => l.includes('blocked for more than'))).toBe(false);
    mm.runFor(200e9);
    const log = dmesg(mm);
    const i = log.indexOf(`INFO: task stuckd:${pid} blocked for more than 120 seconds.`);
    expect(i).toBeGreaterThan(0);
    expect(log[i + 1]).toBe('      Not tainted 6.1.0-kwb #1');
    expect(log[i + 2]).toBe('"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.');
    expect(log[i + 3]).toMatch(new RegExp(`^task:stuckd {10}state:D stack:0 {5}pid:${pid} +ppid:\\d+ +flags:0x00004000$`));
    expect(log[i + 4]).toBe('Call Trace:');
    expect(log[i + 5]).toBe(' <TASK>');
    expect(log[i + 6]).toMatch(/^ __schedule\+0x[0-9a-f]+\/0x[0-9a-f]+$/);
    expect(log).toContain(' </TASK>');
    // Sleeping interruptibly (the shell waiting for input) is not a hang; the machine still works.
    expect(log.filter((l) => l.startsWith('INFO: task')).every((l) => l.includes('stuckd'))).toBe(true);
    expect(mm.runCommand('echo ok').output).toBe('ok\n');
    // hung_task_timeout_secs = 0 disables further reports.
    const before = mm.inspect(() => hungTaskState().reports);
    mm.inspect(() => { hungTaskState().timeout_secs = 0; });
    mm.runFor(400e9);
    expect(mm.inspect(() => hungTaskState().reports)).toBe(before);
  });
});
