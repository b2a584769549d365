// fasync_helper/kill_fasync (fs/fcntl.c) with F_SETOWN/F_SETSIG/O_ASYNC delivering SIGIO to a C handler, and polled
// input devices (drivers/input/input-poller.c), proved by the fixture fasync-poll (builds with kbuild) and the user
// program fasync_test.c: what lis3lv02d's /dev/freefall and joystick use.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, program, machine, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let ko: Uint8Array, prog: Uint8Array;
beforeAll(async () => {
  ko = await driver('fasync-poll');
  prog = await program('test/fixtures/user/fasync_test.c');
}, 300_000);

function boot(): Machine {
  const m = machine({ '/root/kwb_fasync.ko': ko });
  m.putFile('/root/fasync_test', prog, 0o755);
  expect(sh(m, 'insmod /root/kwb_fasync.ko; echo rc=$?')).toBe('rc=0\n');
  return m;
}

/** The inputN of the fixture's polled device. */
const input_of = (m: Machine): string => sh(m, 'grep -l "^kwb polled$" /sys/class/input/input*/name').trim().replace(/\/name$/, '');

describe('fasync: SIGIO to the owner of an O_ASYNC file', () => {
  it('a driver\'s kill_fasync signals the F_SETOWN process while O_ASYNC is on, with F_SETSIG\'s signal once set', () => {
    const m = boot();
    expect(sh(m, '/root/fasync_test; echo rc=$?')).toBe([
      'F_SETOWN of no process: ESRCH', 'owner is me: 1', 'O_ASYNC set: 1', 'SIGIO after 2 writes: 2', 'SIGIO with O_ASYNC off: 2', 'F_GETSIG: 10',
      'SIGUSR1 after F_SETSIG: 1, SIGIO: 2', 'rc=0', '',
    ].join('\n'));
    // The last close took the file off the driver's list (->fasync(-1, file, 0)): the module unloads cleanly.
    expect(sh(m, 'rmmod kwb_fasync; echo rc=$?')).toBe('rc=0\n');
  }, 300_000);
});

describe('input-poller: polled input devices', () => {
  it('poll, max and min are the driver\'s; poll takes a value between them only', () => {
    const m = boot();
    const d = input_of(m);
    expect(d).toMatch(/^\/sys\/class\/input\/input\d+$/);
    expect(sh(m, `cat ${d}/poll ${d}/max ${d}/min`)).toBe('50\n2000\n10\n');
    expect(sh(m, `ls -l ${d}/max ${d}/min ${d}/poll | cut -c1-10`)).toBe('-r--r--r--\n-r--r--r--\n-rw-r--r--\n');
    expect(sh(m, `echo 5 > ${d}/poll; echo rc=$?; echo 3000 > ${d}/poll; echo rc=$?; echo x > ${d}/poll; echo rc=$?; echo 0x64 > ${d}/poll; cat ${d}/poll`))
      .toMatch(/rc=1\n.*rc=1\n.*rc=1\n100\n$/s);
    expect(sh(m, 'dmesg | grep kwb_fasync:')).toContain('kwb_fasync: poll interval 50 ms');
  }, 300_000);

  it('the core polls only while the device is open: once at open, then every interval', () => {
    const m = boot();
    const d = input_of(m);
    const ev = sh(m, `ls ${d} | grep ^event`).trim();
    const polls = (): number => Number(sh(m, 'cat /sys/module/kwb_fasync/parameters/polls'));
    expect(polls()).toBe(0);
    sh(m, `sleep 1 < /dev/input/${ev}`);
    const open1s = polls();
    // One poll at open and one every 50 ms of the second it was open.
    expect(open1s).toBeGreaterThanOrEqual(20);
    expect(open1s).toBeLessThanOrEqual(21);
    sh(m, 'sleep 1');
    expect(polls()).toBe(open1s);
    // A longer interval: fewer polls in the same time.
    sh(m, `echo 250 > ${d}/poll; sleep 1 < /dev/input/${ev}`);
    expect(polls() - open1s).toBeGreaterThanOrEqual(4);
    expect(polls() - open1s).toBeLessThanOrEqual(5);
  }, 300_000);

  it('what the poll reports reaches evdev readers (ABS_X is the number of events written)', () => {
    const m = boot();
    const ev = sh(m, `ls ${input_of(m)} | grep ^event`).trim();
    const out = sh(m, `evtest /dev/input/${ev} > /tmp/ev & sleep 1; echo a > /dev/kwb_fasync; echo b > /dev/kwb_fasync; sleep 1; kill $!; grep -c EV_ABS /tmp/ev; grep 'code 0 (ABS_X), value' /tmp/ev`);
    // The poll after the writes reports 2; polls that find the same value again send nothing (input_defuzz_abs_event).
    expect(out).toMatch(/type 3 \(EV_ABS\), code 0 \(ABS_X\), value 2\n$/);
    // The axis as input_set_abs_params() gave it, and no other.
    expect(sh(m, 'sed -n "/Supported events/,/Properties/p" /tmp/ev')).toBe([
      'Supported events:', '  Event type 0 (EV_SYN)', '  Event type 3 (EV_ABS)', '    Event code 0 (ABS_X)', '      Value      0',
      '      Min        0', '      Max     1000', 'Properties:', '',
    ].join('\n'));
  }, 300_000);
});
