// linux/rwsem.h and kernel/locking/rwsem.c for modules, proved by the fixture rwsem-demo (builds with kbuild): on the
// simulated scheduler, readers share the semaphore, a writer waits for them and excludes everyone, a reader that
// comes while a writer waits queues behind it (and trylock fails), up_write lets every queued reader in; a task
// sleeping in down_write_killable leaves with -EINTR on SIGKILL and gets the lock once the reader lets go.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/rwsem_demo.ko': await driver('rwsem-demo') });
  expect(sh(m, 'insmod /root/rwsem_demo.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

const lines = (): string[] => dmesg(m).filter((l) => l.startsWith('rwsem_demo: ') && !l.includes('taint'));

describe('read-write semaphores', () => {
  it('readers share, a writer excludes and goes first, queued readers follow together', () => {
    expect(lines()).toEqual([
      'rwsem_demo: init reads, trylock read 1',
      // init still reads: r1 joins it at once.
      'rwsem_demo: r1 reads (locked 1)',
      'rwsem_demo: w1 waits to write',
      // w1 waits: new readers may not pass it, nor may a writer.
      'rwsem_demo: contended 1, trylock read 0 write 0',
      'rwsem_demo: init released its read hold',
      // r2 and r3 came after w1 and wait behind it; w1 goes when the last reader (r1) leaves.
      'rwsem_demo: r1 done',
      'rwsem_demo: w1 writes',
      'rwsem_demo: w1 done',
      'rwsem_demo: r2 reads (locked 1)',
      'rwsem_demo: r3 reads (locked 1)',
      'rwsem_demo: r2 done',
      'rwsem_demo: r3 done',
      'rwsem_demo: after all, locked 0 contended 0',
    ]);
  });

  it('down_write_killable ends with -EINTR on SIGKILL, and takes the lock once it is free', () => {
    const out = sh(m, 'cat /proc/rwsem_demo & sleep 1; ps -o stat= -p $!; kill -9 $!; wait; echo release > /proc/rwsem_demo; cat /proc/rwsem_demo; echo rc=$?');
    // cat sleeps uninterruptibly (D) in down_write_killable, as ps shows on Linux.
    expect(out).toMatch(/^D/m);
    expect(out).toContain('rc=0');
    expect(lines().slice(-2)).toEqual(['rwsem_demo: down_write_killable returned -4', 'rwsem_demo: down_write_killable returned 0']);
    expect(sh(m, 'rmmod rwsem_demo; echo rc=$?')).toBe('rc=0\n');
  });
});
