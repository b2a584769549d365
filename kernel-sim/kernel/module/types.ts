// Models linux/include/linux/module.h: struct module as kernel-sim keeps it (the C struct module lives in the kernel memory).
import type { KoInfo } from '../../toolchain/ko.ts';
import type { Symbolizer } from '../../toolchain/symbolize.ts';

export type module_state = 'LIVE' | 'COMING' | 'GOING' | 'UNFORMED';

/** Something a module holds that must be given back before it goes (reported by name at rmmod, like kmemleak). */
export interface module_resource {
  kind: string;
  name: string;
  release?: () => void;
}

export interface module_param {
  name: string;
  /** Address of the struct kernel_param. */
  kp: number;
  perm: number;
  ops: number;
  arg: number;
}

export interface module {
  name: string;
  state: module_state;
  ko: KoInfo;
  wasm: Uint8Array;
  instance: WebAssembly.Instance | null;
  memory_base: number;
  table_base: number;
  core_size: number;
  /** Address of the C struct module (__this_module). */
  this_module: number;
  refcnt: number;
  /** Modules using this one's symbols (holders), and the ones this one uses. */
  holders: Set<module>;
  uses: Set<module>;
  /** Module taint letters (O, E, ...) as /proc/modules shows them. */
  taints: string;
  params: module_param[];
  args: string;
  /** EXPORT_SYMBOL(_GPL): name -> [kind, value, gpl]. */
  syms: Map<string, { kind: 'function' | 'data'; value: unknown; gpl: boolean }>;
  resources: module_resource[];
  license: string;
  symbolizer: Symbolizer | null;
  /** sysfs nodes of /sys/module/NAME (removed with the module). */
  sysfs: unknown;
  /** Set once init returned; counts the calls into module code in flight (rmmod waits). */
  init_done: boolean;
}
