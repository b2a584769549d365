// Models linux/kernel/module/sysfs.c and params.c's module_param_sysfs_setup: /sys/module/NAME/{coresize, initsize, initstate, refcnt, taint, holders/, sections/, notes/, parameters/}.
import type { KGen } from '../../include/linux/sched.ts';
import { EAGAIN } from '../../include/uapi/asm-generic/errno.ts';
import {
  kobject_alloc, kobject_init, kobject_add, kobject_del, kobject_put, kobject_create_and_add, kobj_sysfs_ops,
  type kobject, type kobj_type, type kobj_attribute,
} from '../../lib/kobject.ts';
import { sysfs_create_file } from '../../fs/sysfs/file.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { module_kset, set_module_kobject_provider } from '../../drivers/base/module.ts';
import { find_module } from './list.ts';
import { param_get, param_set } from './params.ts';
import type { module } from './types.ts';

interface mod_sysfs { kobj: kobject; holders: kobject | null; params: kobject | null; sections: kobject | null; notes: kobject | null; drivers_linked: module[] }

const module_ktype: kobj_type = { release: () => { /* the module's memory goes with free_module */ }, sysfs_ops: kobj_sysfs_ops };

set_module_kobject_provider((name) => (find_module(name)?.sysfs as mod_sysfs | null)?.kobj ?? null);

/** Runs a generator that is not expected to sleep (a show/store path); -EAGAIN if it would. */
function run_now<R>(g: KGen<R>): R | number {
  for (let i = 0; i < 10_000; i++) {
    const r = g.next();
    if (r.done) return r.value;
  }
  return -EAGAIN;
}

function attr(name: string, mode: number, show?: () => string, store?: (buf: string) => number | KGen<number>): kobj_attribute {
  return { name, mode, ...(show ? { show: () => show() } : {}), ...(store ? { store: (_k: kobject, _a: kobj_attribute, b: string) => store(b) } : {}) };
}

const INITSTATE: Record<module['state'], string> = { LIVE: 'live', COMING: 'coming', GOING: 'going', UNFORMED: 'unformed' };

/** mod_sysfs_setup(): the module's directory in /sys/module with its attributes and subdirectories. */
export function mod_sysfs_setup(m: module): void {
  const kset = module_kset();
  if (!kset) return;
  const k = kobject_alloc(m);
  kobject_init(k, module_ktype);
  k.kset = kset;
  if (kobject_add(k, null, m.name)) { kobject_put(k); return; }
  const s: mod_sysfs = { kobj: k, holders: kobject_create_and_add('holders', k), params: null, sections: null, notes: kobject_create_and_add('notes', k), drivers_linked: [] };
  m.sysfs = s;
  const files: kobj_attribute[] = [
    attr('coresize', 0o444, () => `${m.core_size}\n`),
    attr('initsize', 0o444, () => '0\n'),
    attr('initstate', 0o444, () => `${INITSTATE[m.state]}\n`),
    attr('refcnt', 0o444, () => `${m.refcnt}\n`),
    attr('taint', 0o444, () => `${m.taints}\n`),
    attr('uevent', 0o200, undefined, () => 0),
  ];
  const version = m.ko.modinfo.find((f) => f.key === 'version')?.value;
  if (version !== undefined) files.push(attr('version', 0o444, () => `${version}\n`));
  const srcversion = m.ko.modinfo.find((f) => f.key === 'srcversion')?.value;
  if (srcversion !== undefined) files.push(attr('srcversion', 0o444, () => `${srcversion}\n`));
  for (const f of files) sysfs_create_file(k, f);
  s.sections = kobject_create_and_add('sections', k);
  if (s.sections) {
    const base = 0xffffffffc0000000n + BigInt(m.memory_base);
    const secs: [string, bigint][] = [['.text', base + 0x1000n], ['.data', base], ['.bss', base + BigInt(m.ko.dylink.memorySize)], ['.gnu.linkonce.this_module', 0xffffffffc0000000n + BigInt(m.this_module)]];
    for (const [n, a] of secs) sysfs_create_file(s.sections, attr(n, 0o400, () => `0x${a.toString(16)}\n`));
  }
  for (const u of m.uses) {
    const us = u.sysfs as mod_sysfs | null;
    if (us?.holders) sysfs_create_link(us.holders, k, m.name);
  }
}

/** /sys/module/NAME/parameters: one file per parameter with a non-zero perm, mode from module_param. */
export function module_param_sysfs_setup(m: module): void {
  const s = m.sysfs as mod_sysfs | null;
  if (!s) return;
  const visible = m.params.filter((p) => p.perm !== 0);
  if (!visible.length) return;
  s.params = kobject_create_and_add('parameters', s.kobj);
  if (!s.params) return;
  for (const p of visible) {
    const writable = (p.perm & 0o222) !== 0;
    sysfs_create_file(s.params, attr(p.name, p.perm & 0o7777,
      () => { const v = run_now(param_get(m, p.kp)); return typeof v === 'number' ? '' : v; },
      writable ? function* (buf: string): KGen<number> { const r = yield* param_set(m, p.kp, buf.replace(/\n$/, '')); return r || buf.length; } : undefined));
  }
}

export function mod_sysfs_teardown(m: module): void {
  const s = m.sysfs as mod_sysfs | null;
  if (!s) return;
  for (const u of m.uses) {
    const us = u.sysfs as mod_sysfs | null;
    if (us?.holders) sysfs_remove_link(us.holders, m.name);
  }
  for (const sub of [s.params, s.holders, s.sections, s.notes]) if (sub) { kobject_del(sub); kobject_put(sub); }
  kobject_del(s.kobj);
  kobject_put(s.kobj);
  m.sysfs = null;
}
