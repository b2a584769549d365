// Models Kbuild's obj-m for the subsystems kernel-sim implements itself: modules Linux builds as loadable .ko files (null_blk, kyber-iosched, bfq, veth, ...), their .ko images, and their parameters laid out as C module parameters.
//
// A C module is wasm that load_module() instantiates. A module implemented in TypeScript has no code to load, but a
// learner must meet it as Linux shows it: a .ko under /lib/modules that modinfo reads and modprobe loads, an entry
// in /proc/modules and /sys/module with its parameters, a refusal from rmmod while it is in use. So each such module
// gets a real .ko image: a wasm module with no code whose .modinfo section is what modpost would write, and whose
// `kwb.obj_m` section names the implementation. Its parameters are real struct kernel_param records in the kernel
// memory, so insmod arguments and /sys/module/NAME/parameters go through the same params.c code as a C module's.
import type { KGen } from '../../include/linux/sched.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import type { KoInfo } from '../../toolchain/ko.ts';
import { customSection, withCustomSection } from '../../toolchain/wasm/sections.ts';
import { encodeModinfo, VERMAGIC, type ModinfoField } from '../../toolchain/modinfo.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import {
  alloc_pages_exact, kread_cstr, kread_i32, kread_u16, kread_u32, kread_u64, kread_u8, ksymbol, kwrite_cstr, kwrite_u16,
  kwrite_u32, kwrite_u64, kwrite_u8,
} from '../../mm/kmem.ts';
import { defineState } from '../state.ts';
import type { module } from './types.ts';

/** A module_param() of a TypeScript module: its C type picks the kernel's param_ops_<type>. */
export interface ts_module_param {
  readonly name: string;
  readonly type: 'int' | 'uint' | 'ulong' | 'ullong' | 'ushort' | 'bool' | 'charp';
  /** sysfs mode of /sys/module/NAME/parameters/<name>; 0 hides it, as for C modules. */
  readonly perm: number;
  /** MODULE_PARM_DESC text (what `modinfo` prints after the name). */
  readonly desc: string;
  readonly default: number | bigint | boolean | string;
}

/** The module's parameters as its init and its code read them (live: sysfs writes show at once). */
export interface ts_module_values {
  int(name: string): number;
  bool(name: string): boolean;
  str(name: string): string;
}

/** One obj-m module implemented in kernel-sim: what modpost and the module's source would say about it. */
export interface ts_module_def {
  /** Module name as /proc/modules shows it ("kyber_iosched"). */
  readonly name: string;
  /** Path below /lib/modules/RELEASE ("kernel/block/kyber-iosched.ko"). */
  readonly path: string;
  readonly description: string;
  readonly license: string;
  readonly author?: string;
  /** MODULE_ALIAS and device-table aliases (modules.alias patterns). */
  readonly alias?: readonly string[];
  /** Modules whose symbols this one uses: loaded first by modprobe, holders while it lives. */
  readonly depends?: readonly string[];
  readonly params?: readonly ts_module_param[];
  /** Core size in bytes as lsmod prints it (Linux's figure for the same module; a TS module has no text to measure). */
  readonly size?: number;
  /** module_init: 0 or -errno; may sleep. None for a library module (virtio_ring), which only exports symbols. */
  init?(values: ts_module_values): KGen<number> | number;
  /** module_exit; without it the module is permanent, as a C module without module_exit. */
  exit?(): KGen<void> | void;
}

export const OBJ_M_SECTION = 'kwb.obj_m';
const WASM_HEADER = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
/** dylink.0 with an empty WASM_DYLINK_MEM_INFO: the module asks for no memory and no table slots. */
const EMPTY_DYLINK = Uint8Array.of(1, 4, 0, 0, 0, 0);

/** The .modinfo modpost writes for an in-tree module (order as `modinfo` prints a Debian module). */
export function obj_m_modinfo(def: ts_module_def): ModinfoField[] {
  const f: ModinfoField[] = [];
  for (const a of def.alias ?? []) f.push({ key: 'alias', value: a });
  f.push({ key: 'license', value: def.license });
  if (def.author) f.push({ key: 'author', value: def.author });
  if (def.description) f.push({ key: 'description', value: def.description });
  for (const p of def.params ?? []) {
    f.push({ key: 'parm', value: `${p.name}:${p.desc}` });
    f.push({ key: 'parmtype', value: `${p.name}:${p.type}` });
  }
  f.push({ key: 'depends', value: (def.depends ?? []).join(',') });
  f.push({ key: 'retpoline', value: 'Y' }, { key: 'intree', value: 'Y' }, { key: 'name', value: def.name }, { key: 'vermagic', value: VERMAGIC });
  return f;
}

/** The bytes of the module's .ko file. */
export function obj_m_image(def: ts_module_def): Uint8Array {
  let img = withCustomSection(WASM_HEADER, 'dylink.0', EMPTY_DYLINK);
  img = withCustomSection(img, '.modinfo', encodeModinfo(obj_m_modinfo(def)));
  return withCustomSection(img, OBJ_M_SECTION, new TextEncoder().encode(def.name));
}

const objmState = defineState('obj_m', () => ({ defs: new Map<string, ts_module_def>() }));

/** The modules this boot's kernel was built with (start_kernel installs vmlinux's obj-m list). */
export function obj_m_install(defs: readonly ts_module_def[]): void {
  const s = objmState();
  s.defs.clear();
  for (const d of defs) s.defs.set(d.name, d);
}

/** The implementation a .ko names, or null for a C module (or a .ko naming a module this kernel lacks). */
export function obj_m_lookup(ko: KoInfo, image: Uint8Array): ts_module_def | null {
  const sec = customSection(image, ko.info.sections, OBJ_M_SECTION);
  if (!sec) return null;
  return objmState().defs.get(new TextDecoder().decode(sec)) ?? null;
}

const OPS: Record<ts_module_param['type'], [ops: string, size: number]> = {
  int: ['param_ops_int', 4], uint: ['param_ops_uint', 4], ulong: ['param_ops_ulong', 4], ullong: ['param_ops_ullong', 8],
  ushort: ['param_ops_ushort', 2], bool: ['param_ops_bool', 1], charp: ['param_ops_charp', 4],
};

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Lays out the module's "data": one struct kernel_param per parameter (as module_param() emits into __param), the
 * name strings and the variables with their defaults. Sets memory_base and the KoInfo's param offsets, as the
 * linker would have; then parse_args and the sysfs parameter files treat it as any module.
 */
export function obj_m_layout(m: module, def: ts_module_def): number {
  const params = def.params ?? [];
  const enc = new TextEncoder();
  const kpSize = sizeOf('kernel_param');
  let size = align8(params.length * kpSize);
  // Each parameter: its name, its variable and, for charp, the default string (a literal in the module's data).
  const at: { name: number; val: number; str: number }[] = [];
  for (const p of params) {
    const name = size; size = align8(size + enc.encode(p.name).length + 1);
    const val = size; size = align8(size + OPS[p.type][1]);
    const str = size; if (p.type === 'charp') size = align8(size + enc.encode(String(p.default)).length + 1);
    at.push({ name, val, str });
  }
  m.ko = { ...m.ko, hasInit: typeof def.init === 'function', hasExit: typeof def.exit === 'function' };
  if (!params.length) return 0;
  const base = alloc_pages_exact(size, 6);
  if (!base) return -ENOMEM;
  m.memory_base = base;
  const offsets: KoInfo['params'] = [];
  params.forEach((p, i) => {
    const kp = base + i * kpSize, a = at[i]!;
    kwrite_cstr(base + a.name, p.name);
    kwrite_u32(kp + offsetOf('kernel_param', 'name'), base + a.name);
    kwrite_u32(kp + offsetOf('kernel_param', 'ops'), ksymbol(OPS[p.type][0], sizeOf('kernel_param_ops')));
    kwrite_u16(kp + offsetOf('kernel_param', 'perm'), p.perm);
    kwrite_u32(kp + offsetOf('kernel_param', 'arg'), base + a.val);
    write_default(base + a.val, base + a.str, p);
    offsets.push({ name: p.name, offset: i * kpSize });
  });
  m.ko = { ...m.ko, params: offsets };
  return 0;
}

function write_default(addr: number, str: number, p: ts_module_param): void {
  const v = p.default;
  if (p.type === 'charp') { kwrite_cstr(str, String(v)); kwrite_u32(addr, str); }
  else if (p.type === 'bool') kwrite_u8(addr, v ? 1 : 0);
  else if (p.type === 'ushort') kwrite_u16(addr, Number(v));
  else if (p.type === 'ullong') kwrite_u64(addr, BigInt(v as number | bigint));
  else kwrite_u32(addr, Number(v));
}

/** Reads the module's parameter variables where param_ops_* keep them. */
export function obj_m_values(m: module, def: ts_module_def): ts_module_values {
  const addr = (name: string): [ts_module_param, number] => {
    const i = (def.params ?? []).findIndex((p) => p.name === name);
    if (i < 0) throw new Error(`${def.name}: no parameter ${name}`);
    return [def.params![i]!, kread_u32(m.memory_base + i * sizeOf('kernel_param') + offsetOf('kernel_param', 'arg'))];
  };
  return {
    int(name) {
      const [p, a] = addr(name);
      if (p.type === 'int') return kread_i32(a);
      if (p.type === 'ushort') return kread_u16(a);
      if (p.type === 'bool') return kread_u8(a);
      if (p.type === 'ullong') return Number(kread_u64(a));
      return kread_u32(a);
    },
    bool(name) { const [, a] = addr(name); return kread_u8(a) !== 0; },
    str(name) { const [, a] = addr(name); return kread_cstr(kread_u32(a)); },
  };
}
