// top (procps-ng 4): the summary and task areas of a batch frame against /proc, %Cpu(s) and %CPU over the interval between frames, and the full-screen display on the console tty that q leaves with the terminal restored.
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { Console } from './harness.ts';

let m: Machine;
const sh = (cmd: string): string => m.runCommand(cmd).output;
beforeAll(() => { m = new Machine({}); m.boot(); });

describe('top -b', () => {
  it('prints the summary area and a task per /proc entry, with the default fields', () => {
    const lines = sh('top -b -n 1').split('\n');
    expect(lines[0]).toMatch(/^top - \d\d:\d\d:\d\d up \d+ min, +\d+ users?, +load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
    const tasks = /^Tasks: +(\d+) total, +(\d+) running, +(\d+) sleeping, +(\d+) stopped, +(\d+) zombie$/.exec(lines[1]!);
    expect(tasks).not.toBeNull();
    const [total, running, sleeping, stopped, zombie] = tasks!.slice(1).map(Number) as [number, number, number, number, number];
    expect(running + sleeping + stopped + zombie).toBe(total);
    expect(running).toBeGreaterThanOrEqual(1); // top itself
    expect(lines[2]).toMatch(/^%Cpu\(s\):( *\d+\.\d (us|sy|ni|id|wa|hi|si|st),?){8}$/);
    expect(lines[3]).toMatch(/^MiB Mem : +\d+\.\d total, +\d+\.\d free, +\d+\.\d used, +\d+\.\d buff\/cache$/);
    expect(lines[4]).toMatch(/^MiB Swap: +0\.0 total, +0\.0 free, +0\.0 used\. +\d+\.\d avail Mem$/);
    expect(lines[5]).toBe('');
    expect(lines[6]).toBe('    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
    const rows = lines.slice(7).filter(Boolean);
    expect(rows).toHaveLength(total);
    const pids = rows.map((r) => Number(r.trim().split(/\s+/)[0]));
    expect(new Set(pids).size).toBe(total);
    expect(pids).toEqual(expect.arrayContaining([1, 2]));
    // MemTotal in MiB is /proc/meminfo's, and rows are sorted by %CPU, highest first.
    const memtotal = Number(/^MemTotal:\s+(\d+)/m.exec(sh('cat /proc/meminfo'))![1]);
    expect(lines[3]).toContain(`${(memtotal / 1024).toFixed(1)} total`);
    const pcts = rows.map((r) => Number(r.trim().split(/\s+/)[8]));
    expect([...pcts].sort((a, b) => b - a)).toEqual(pcts);
    expect(rows.find((r) => /^ +2 root +20 +0 +0 +0 +0 [SI] +0\.0 +0\.0 +0:00\.00 kthreadd$/.test(r))).toBeDefined();
  });

  it('the second frame measures the interval since the first: an idle second is ~100% id', () => {
    const out = sh('top -b -n 2 -d 1');
    const cpu = out.split('\n').filter((l) => l.startsWith('%Cpu(s):'));
    expect(cpu).toHaveLength(2);
    const idle = (l: string): number => Number(/([\d.]+) id,/.exec(l)![1]);
    expect(idle(cpu[0]!)).toBeLessThan(90); // since boot: the boot kept the CPU busy
    expect(idle(cpu[1]!)).toBeGreaterThan(98);
  });

  it('-p limits the task area to the given pids; a bad option or no tty is an error', () => {
    const rows = sh('top -b -n 1 -p 1').split('\n').slice(7).filter(Boolean);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^ +1 root .* init$/);
    expect(sh('top -q; echo rc=$?')).toMatch(/^top: invalid option -- 'q'\nUsage:\n.*\nrc=1\n$/);
    expect(sh('top -n 1 < /dev/null; echo rc=$?')).toBe('top: failed tty get\nrc=1\n');
  });
});

describe('top on the console', () => {
  it('draws full screens until q, then gives the shell back in canonical mode with echo', () => {
    const con = new Console(m);
    m.runFor(100e6);
    con.take();
    con.type('top -d 1\r');
    m.runFor(2.5e9);
    const screen = con.take();
    expect(screen.split('\x1b[H\x1b[2J').length - 1).toBeGreaterThanOrEqual(3); // the first frame and one per second
    expect(Console.plain(screen)).toContain('    PID USER      PR  NI    VIRT');
    con.type('q');
    m.runFor(100e6);
    con.take();
    con.type('echo back\r');
    expect(Console.plain(con.take())).toContain('echo back\nback\n');
  });
});
