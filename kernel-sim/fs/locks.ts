// Models linux/fs/locks.c's proc_locks_init: /proc/locks, the file locks held (locks_show, one line per lock).
import { proc_create_single } from './proc/generic.ts';

/** proc_locks_init (fs_initcall): /proc/locks, 0444. */
export function proc_locks_init(): number {
  proc_create_single('locks', 0, null, () => {
    // locks_show walks file_lock_list. No file lock is ever taken here (flock and fcntl's F_SETLK are not
    // modelled), so the list is empty and the file reads as Linux's does with no lock held: nothing.
  });
  return 0;
}
