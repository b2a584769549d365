// Models linux/drivers/base/regmap/regmap-debugfs.c: /sys/kernel/debug/regmap/<dev>[-<name>]/ with name, range, registers and access in Linux's formats.
import type { KGen } from '../../../include/linux/sched.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { defineState } from '../../../kernel/state.ts';
import { debugfs_create_dir, debugfs_create_file, debugfs_remove } from '../../../fs/debugfs/inode.ts';
import type { kernfs_node } from '../../../fs/sysfs/kernfs.ts';
import { dev_name } from '../core.ts';
import type { regmap } from './regmap.ts';

/** What the files need from the core, handed in by regmap_init (so this file does not import the core that calls it). */
export interface regmap_access_ops {
  read(map: regmap, reg: number): KGen<number | { err: number }>;
  readable(map: regmap, reg: number): boolean;
  writeable(map: regmap, reg: number): boolean;
  volatile(map: regmap, reg: number): boolean;
  precious(map: regmap, reg: number): boolean;
}

const st = defineState('regmap_debugfs', () => ({
  root: null as kernfs_node | null, early: [] as [regmap, regmap_access_ops][], dirs: new Map<regmap, kernfs_node>(), dummy: 0,
}));

const hexw = (v: number, w: number): string => v.toString(16).padStart(w, '0');
/** regmap_calc_reg_len(): the digits of max_register in hex. */
const reg_len = (map: regmap): number => map.max_register.toString(16).length;

/** The readable, non-precious registers in order (what registers and range walk). */
function dump_regs(map: regmap, ops: regmap_access_ops): number[] {
  const out: number[] = [];
  for (let r = 0; r <= map.max_register; r += map.reg_stride) if (ops.readable(map, r) && !ops.precious(map, r)) out.push(r);
  return out;
}

/** regmap_read_debugfs(): "reg: value" per register; a failed read prints X's of the value's width. */
function* registers_show(map: regmap, ops: regmap_access_ops): KGen<string> {
  const rl = reg_len(map), vl = 2 * map.val_bytes;
  let out = '';
  for (const r of dump_regs(map, ops)) {
    const v = yield* ops.read(map, r);
    out += `${hexw(r, rl)}: ${typeof v === 'number' ? hexw(v, vl) : 'X'.repeat(vl)}\n`;
  }
  return out;
}

/** regmap_reg_ranges_read_file(): each run of consecutive dumped registers as "first-last". */
function range_show(map: regmap, ops: regmap_access_ops): string {
  const regs = dump_regs(map, ops);
  let out = '';
  for (let i = 0; i < regs.length;) {
    let j = i;
    while (j + 1 < regs.length && regs[j + 1] === regs[j]! + map.reg_stride) j++;
    out += `${regs[i]!.toString(16)}-${regs[j]!.toString(16)}\n`;
    i = j + 1;
  }
  return out;
}

/** regmap_access_show(): "reg: W R V P" with y/n. */
function access_show(map: regmap, ops: regmap_access_ops): string {
  const yn = (b: boolean): string => (b ? 'y' : 'n');
  let out = '';
  for (let r = 0; r <= map.max_register; r += map.reg_stride) {
    if (!ops.readable(map, r) && !ops.writeable(map, r)) continue;
    out += `${hexw(r, reg_len(map))}: ${yn(ops.writeable(map, r))} ${yn(ops.readable(map, r))} ${yn(ops.volatile(map, r))} ${yn(ops.precious(map, r))}\n`;
  }
  return out;
}

/** regmap_debugfs_init(): the map's directory, or queued until the regmap directory exists. */
export function regmap_debugfs_init(map: regmap, ops: regmap_access_ops): void {
  const s = st();
  if (!s.root) { s.early.push([map, ops]); return; }
  const devname = map.dev ? dev_name(map.dev) : `dummy${s.dummy++}`;
  map.debugfs_name = map.name ? `${devname}-${map.name}` : devname;
  const dir = debugfs_create_dir(map.debugfs_name, s.root);
  if (typeof dir === 'number') return;
  s.dirs.set(map, dir);
  debugfs_create_file('name', 0o400, dir, { show: () => `${map.dev?.driver?.name ?? 'nodev'}\n` });
  debugfs_create_file('range', 0o400, dir, { show: () => range_show(map, ops) });
  if (map.max_register || map.config.readable_reg) {
    debugfs_create_file('access', 0o400, dir, { show: () => access_show(map, ops) });
    debugfs_create_file('registers', 0o400, dir, { show: () => registers_show(map, ops) });
  }
  if (map.cache_type) {
    const flag = (k: 'cache_only' | 'cache_bypass' | 'cache_dirty') => ({ show: () => (map[k] ? 'Y\n' : 'N\n') });
    debugfs_create_file('cache_only', 0o600, dir, flag('cache_only'));
    debugfs_create_file('cache_dirty', 0o400, dir, flag('cache_dirty'));
    debugfs_create_file('cache_bypass', 0o600, dir, flag('cache_bypass'));
  }
}

export function regmap_debugfs_exit(map: regmap): void {
  const s = st();
  s.early = s.early.filter(([m]) => m !== map);
  const dir = s.dirs.get(map);
  if (dir) { debugfs_remove(dir); s.dirs.delete(map); }
}

/** regmap_debugfs_initcall(): the regmap directory, then the maps made before it. */
function regmap_initcall(): number {
  const s = st();
  const root = debugfs_create_dir('regmap', null);
  if (typeof root === 'number') return 0;
  s.root = root;
  for (const [m, ops] of s.early.splice(0)) regmap_debugfs_init(m, ops);
  return 0;
}

export const initcalls: initcall_entry[] = [['postcore', 'regmap_initcall', regmap_initcall, 2_000]];
