// Models the `modules` list of linux/kernel/module/main.c (newest first, as /proc/modules lists them) and find_module().
import { defineState } from '../state.ts';
import type { module } from './types.ts';

export const moduleState = defineState('modules', () => ({ modules: [] as module[] }));

export function module_list(): module[] { return moduleState().modules; }

export function find_module(name: string): module | undefined {
  return moduleState().modules.find((m) => m.name === name);
}
