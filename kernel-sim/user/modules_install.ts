// Models `make modules_install` followed by depmod: the kernel's obj-m modules as .ko files under /lib/modules/RELEASE/kernel, with modules.dep and modules.alias, as a distribution's root filesystem carries them.
import type { initramfs_entry } from '../init/initramfs.ts';
import type { ts_module_def } from '../kernel/module/obj_m.ts';
import { obj_m_image, obj_m_modinfo } from '../kernel/module/obj_m.ts';
import { UTS_RELEASE } from '../kernel/nsproxy.ts';
import { depmod_tables } from './bin/kmod/depmod.ts';

const S_IFDIR = 0o040000, S_IFREG = 0o100000;

export function modules_install(modules: readonly ts_module_def[]): initramfs_entry[] {
  const dir = `/lib/modules/${UTS_RELEASE}`;
  const out: initramfs_entry[] = [{ path: dir, mode: S_IFDIR | 0o755 }];
  const dirs = new Set<string>();
  // depmod walks the tree in name order; the tables follow the same order.
  const sorted = [...modules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const m of sorted) {
    const parts = m.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const d = `${dir}/${parts.slice(0, i).join('/')}`;
      if (!dirs.has(d)) { dirs.add(d); out.push({ path: d, mode: S_IFDIR | 0o755 }); }
    }
    out.push({ path: `${dir}/${m.path}`, mode: S_IFREG | 0o644, data: obj_m_image(m) });
  }
  const { dep, alias } = depmod_tables(sorted.map((m) => ({ path: m.path, fields: obj_m_modinfo(m) })));
  const enc = new TextEncoder();
  out.push({ path: `${dir}/modules.dep`, mode: S_IFREG | 0o644, data: enc.encode(dep) });
  out.push({ path: `${dir}/modules.alias`, mode: S_IFREG | 0o644, data: enc.encode(alias) });
  return out;
}
