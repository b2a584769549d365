// sysfs_notify (fs/sysfs/file.c + kernfs_notify) and __sysfs_match_string (lib/string_helpers.c) for modules, proved by the
// fixture sysfs-notify (builds with kbuild) and the user program sysfs_poll.c polling its attributes.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, program, machine, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let ko: Uint8Array, poller: Uint8Array;
beforeAll(async () => {
  ko = await driver('sysfs-notify');
  poller = await program('test/fixtures/user/sysfs_poll.c');
}, 300_000);

function boot(): Machine {
  const m = machine({ '/root/kwb_notify.ko': ko });
  m.putFile('/root/sysfs_poll', poller, 0o755);
  expect(sh(m, 'insmod /root/kwb_notify.ko; echo rc=$?')).toBe('rc=0\n');
  return m;
}

// The program asks for POLLPRI (POLLIN is always set on a sysfs file); POLLERR is reported unasked: a change reads as 0xa.
const QUIET = '0', CHANGED = 'a';

describe('sysfs_notify and poll(2) on a sysfs attribute', () => {
  it('a store that calls sysfs_notify wakes a poller with POLLERR|POLLPRI until it reads again', () => {
    const m = boot();
    expect(sh(m, '/root/sysfs_poll; echo rc=$?')).toBe(
      // A fresh opener has read no event yet (of->event 0, the open node's count starts at 1), as in Linux.
      `after open: ${CHANGED}\nafter read: ${QUIET}\nwoken: ${CHANGED}\nstill: ${CHANGED}\nafter reread: ${QUIET}\nrc=0\n`);
    expect(sh(m, 'cat /sys/kernel/kwb_notify/value')).toBe('5\n');
  }, 300_000);

  it('sysfs_notify with a dir argument reaches the attribute in that subdirectory, and only when the driver calls it', () => {
    const m = boot();
    const level = '/sys/kernel/kwb_notify/group/level';
    expect(sh(m, `/root/sysfs_poll ${level} /sys/kernel/kwb_notify/value 150`)).toContain(`woken: ${CHANGED}\n`);
    // 50 notifies "value" only: the poll on level times out with no event.
    expect(sh(m, `/root/sysfs_poll ${level} /sys/kernel/kwb_notify/value 50`)).toContain(`woken: ${QUIET}\n`);
  }, 300_000);

  it('rmmod with an attribute file held open removes the directory (the open node goes with the last close)', () => {
    const m = boot();
    expect(sh(m, 'exec 3</sys/kernel/kwb_notify/value; rmmod kwb_notify; echo rc=$?; ls /sys/kernel/kwb_notify 2>&1; exec 3<&-')).toMatch(/^rc=0\n.*No such file or directory\n$/s);
  }, 300_000);
});

describe('sysfs_match_string', () => {
  it('matches a written word with or without its newline, and gives -EINVAL for any other', () => {
    const m = boot();
    const mode = '/sys/kernel/kwb_notify/mode';
    expect(sh(m, `cat ${mode}; echo auto > ${mode}; cat ${mode}; printf on > ${mode}; cat ${mode}`)).toBe('off\nauto\non\n');
    // Only a newline is forgiven (not a space), and neither a prefix nor a longer word matches.
    expect(sh(m, `echo 'off ' > ${mode}; echo rc=$?; echo of > ${mode}; echo rc=$?; echo autox > ${mode}; echo rc=$?; cat ${mode}`))
      .toBe('rc=1\nrc=1\nrc=1\non\n');
  }, 300_000);

  it('with n = -1 searches a NULL-terminated array to its end', () => {
    const m = boot();
    const level = '/sys/kernel/kwb_notify/group/level';
    expect(sh(m, `echo high > ${level}; cat ${level} /sys/kernel/kwb_notify/value; echo low > ${level}; cat ${level}`)).toBe('high\n101\nlow\n');
    expect(m.runCommand(`echo medium > ${level}`).status).toBe(1);
    expect(sh(m, `cat ${level}`)).toBe('low\n');
  }, 300_000);
});
