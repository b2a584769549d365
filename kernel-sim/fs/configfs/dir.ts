// Models linux/fs/configfs/dir.c's configfs_register_subsystem / configfs_unregister_subsystem: a subsystem's directory at the root of configfs, kept while the subsystem is registered, with the filesystem pinned.
import type { kernfs_node } from '../sysfs/kernfs.ts';
import { kernfs_create_dir, kernfs_remove } from '../sysfs/kernfs.ts';
import { simple_fs_root } from '../simple_fs.ts';
import { defineState } from '../../kernel/state.ts';
import { EEXIST } from '../../include/uapi/asm-generic/errno.ts';
import { configfs_pin_fs, configfs_release_fs } from './mount.ts';

/** struct configfs_subsystem as far as the workbench models it: its group's name (the directory's). */
export interface configfs_subsystem {
  readonly ci_namebuf: string;
}

/** The registered subsystems' directories (their su_group dentries), per boot. */
const subsysState = defineState('configfs_subsys', () => new Map<configfs_subsystem, kernfs_node>());

export function configfs_register_subsystem(subsys: configfs_subsystem): number {
  if (subsysState().has(subsys)) return -EEXIST;
  const err = configfs_pin_fs();
  if (err) return err;
  const dir = kernfs_create_dir(simple_fs_root('configfs').kn, subsys.ci_namebuf, 0o755, subsys);
  if (typeof dir === 'number') { configfs_release_fs(); return dir; }
  subsysState().set(subsys, dir);
  return 0;
}

export function configfs_unregister_subsystem(subsys: configfs_subsystem): void {
  const dir = subsysState().get(subsys);
  if (!dir) return;
  kernfs_remove(dir);
  subsysState().delete(subsys);
  configfs_release_fs();
}
