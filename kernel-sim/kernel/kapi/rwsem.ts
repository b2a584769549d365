// Models the exports of linux/kernel/locking/rwsem.c for modules: init_rwsem, down_*/up_*, trylocks, downgrade_write.
//
// A C struct rw_semaphore lives in kernel memory; its queue and holders are a kernel/locking/rwsem.ts object kept
// in this boot's state by address (DECLARE_RWSEM's, never passed to __init_rwsem, is made on first use). The
// object writes its count back to the C struct's first field, so linux/rwsem.h's inline rwsem_is_locked reads it.
import type { KGen } from '../../include/linux/sched.ts';
import { kread_cstr, kwrite_u32 } from '../../mm/kmem.ts';
import { defineState } from '../state.ts';
import {
  rw_semaphore, down_read, down_read_interruptible, down_read_killable, down_read_trylock, down_write, down_write_killable,
  down_write_trylock, up_read, up_write, downgrade_write,
} from '../locking/rwsem.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import { EXPORT_KAPI } from './registry.ts';

const rwsemState = defineState('kapi-rwsem', () => ({ sems: new Map<number, rw_semaphore>() }));

function make(addr: number, name: string): rw_semaphore {
  const sem = new rw_semaphore(name);
  sem.onchange = (count) => { kwrite_u32(addr, count); };
  rwsemState().sems.set(addr, sem);
  return sem;
}

function sem_of(addr: number): rw_semaphore {
  return rwsemState().sems.get(addr) ?? make(addr, 'rwsem');
}

/** An unlock of what the task does not hold: DEBUG_RWSEMS_WARN_ON's report, and the lock is left as it was. */
function bad_unlock(sem: rw_semaphore, func: string): void {
  __warn('kernel/locking/rwsem.c', func === 'up_read' ? 1344 : 1365, func, `DEBUG_RWSEMS_WARN_ON(${func === 'up_read' ? '!is_rwsem_reader_owned(sem)' : 'rwsem_owner(sem) != current'}): count = 0x${sem.count.toString(16)}, magic = 0x0, owner = 0x0, curr 0x0, list ${sem.wait_list.length ? 'not empty' : 'empty'}`, [func]);
}

export const ksymtab = EXPORT_KAPI({
  __init_rwsem: (sem: number, name: number) => { make(sem, kread_cstr(name, 64)).onchange!(0); },
  down_read: function* (sem: number): KGen<void> { yield* down_read(sem_of(sem)); },
  down_read_interruptible: function* (sem: number): KGen<number> { return yield* down_read_interruptible(sem_of(sem)); },
  down_read_killable: function* (sem: number): KGen<number> { return yield* down_read_killable(sem_of(sem)); },
  down_read_trylock: (sem: number) => (down_read_trylock(sem_of(sem)) ? 1 : 0),
  down_write: function* (sem: number): KGen<void> { yield* down_write(sem_of(sem)); },
  down_write_killable: function* (sem: number): KGen<number> { return yield* down_write_killable(sem_of(sem)); },
  down_write_trylock: (sem: number) => (down_write_trylock(sem_of(sem)) ? 1 : 0),
  up_read: (sem: number) => { const s = sem_of(sem); if (!up_read(s)) bad_unlock(s, 'up_read'); },
  up_write: (sem: number) => { const s = sem_of(sem); if (!up_write(s)) bad_unlock(s, 'up_write'); },
  downgrade_write: (sem: number) => { const s = sem_of(sem); if (!downgrade_write(s)) bad_unlock(s, 'downgrade_write'); },
});
