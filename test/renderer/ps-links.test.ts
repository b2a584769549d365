// Pids in ps output on the terminal become links: under the header's PID column, in the table the last ps printed, never in other text.
import { describe, expect, it } from 'vitest';
import { psPidAt } from '../../renderer/src/terminal/ps-links.ts';

describe('psPidAt', () => {
  it('finds the pid under BusyBox ps\'s right-aligned PID column', () => {
    const lines = [
      'root@kwb:~# ps',
      '  PID USER       VSZ STAT COMMAND',
      '    1 root      1488 S    init',
      '  123 root      1520 S    sleep 1000',
      'root@kwb:~# ',
    ];
    expect(psPidAt(lines, 2)).toEqual({ pid: 1, start: 4, end: 5 });
    expect(psPidAt(lines, 3)).toEqual({ pid: 123, start: 2, end: 5 });
    // The header, the prompt and the VSZ column are not pids.
    expect(psPidAt(lines, 1)).toBeNull();
    expect(psPidAt(lines, 4)).toBeNull();
  });

  it('takes the PID column, not UID or PPID, in ps -ef, and a pid wider than the header', () => {
    const lines = [
      'UID          PID    PPID  C STIME TTY          TIME CMD',
      'root           1       0  0 00:00 ?        00:00:00 init',
      'root       12345       1  0 00:00 ttyS0    00:00:00 -sh',
    ];
    expect(psPidAt(lines, 1)).toMatchObject({ pid: 1 });
    expect(psPidAt(lines, 2)).toMatchObject({ pid: 12345 });
  });

  it('reads procps\'s default and BSD aux tables', () => {
    const lines = [
      '    PID TTY          TIME CMD',
      '     48 ttyS0    00:00:00 sh',
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'root          46  0.0  0.1   1520   604 ttyS0    S    00:00   0:00 sleep 1000',
    ];
    expect(psPidAt(lines, 1)).toMatchObject({ pid: 48, start: 5, end: 7 });
    expect(psPidAt(lines, 3)).toMatchObject({ pid: 46 });
  });

  it('ignores lines that are not under a ps table', () => {
    const lines = [
      '  PID USER       VSZ STAT COMMAND',
      '    7 root      1488 S    init',
      'root@kwb:~# echo 42',
      '   42',
    ];
    expect(psPidAt(lines, 1)).toMatchObject({ pid: 7 });
    expect(psPidAt(lines, 3)).toBeNull();
    expect(psPidAt(['   42 numbers, no header'], 0)).toBeNull();
  });
});
