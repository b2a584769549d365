// Models fs/sysfs/file.c's sysfs_notify for modules: a driver tells pollers of one of its attribute files that the value changed.
import { kread_cstr } from '../../mm/kmem.ts';
import { sysfs_notify } from '../../fs/sysfs/file.ts';
import { kobj_at } from './sysfs.ts';
import { EXPORT_KAPI } from './registry.ts';

/** A C string argument that may be NULL (dir and attr are optional). */
const opt_cstr = (p: number): string | null => (p ? kread_cstr(p, 256) : null);

export const ksymtab = EXPORT_KAPI({
  // Any context, as in Linux (kernfs_notify does not sleep); an unknown kobject has no files to notify.
  sysfs_notify: (kobj: number, dir: number, attr: number) => {
    const k = kobj_at(kobj);
    if (k) sysfs_notify(k, opt_cstr(dir), opt_cstr(attr));
  },
});
