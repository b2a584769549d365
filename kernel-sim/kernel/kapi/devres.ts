// Models linux/drivers/base/devres.c's devm_add_action family for modules: a C function called with its data when the device's managed resources are released.
import { EINVAL, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { devres_add, devres_alloc, devres_remove } from '../../drivers/base/devres.ts';
import type { devres_node } from '../../drivers/base/base.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import type { module } from '../module/types.ts';
import { c_device } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct action_devres: the C action and its argument, with the module that registered it. */
interface action_devres { action: number; data: number; mod: module | null }

/** devres_alloc's record name and size in 6.1 (devm_action_release, sizeof(struct action_devres) on wasm32). */
const NAME = 'devm_action_release', SIZE = 8;

const is_action = (action: number, data: number) => (n: devres_node): boolean => {
  const a = n.data as action_devres | null;
  return n.name === NAME && !!a && a.action === action && a.data === data;
};

function devm_add_action(dev: number, action: number, data: number): number {
  const d = c_device(dev);
  if (!d || !action) return -EINVAL;
  const a: action_devres = { action, data, mod: calling_module() };
  devres_add(d, devres_alloc(() => { call_slot_atomic(a.action, [a.data], 'devm action', a.mod); }, SIZE, NAME, a));
  return 0;
}

/** devm_remove_action: forget the action without calling it (WARN when there is none, as 6.1 does). */
function devm_remove_action(dev: number, action: number, data: number): number {
  const d = c_device(dev);
  return d && devres_remove(d, is_action(action, data)) ? 0 : -ENOENT;
}

/** devm_release_action: forget it and call it now. */
function devm_release_action(dev: number, action: number, data: number): void {
  const d = c_device(dev);
  const n = d ? devres_remove(d, is_action(action, data)) : null;
  const a = n?.data as action_devres | undefined;
  if (a) call_slot_atomic(a.action, [a.data], 'devm action', a.mod);
}

export const ksymtab = EXPORT_KAPI({
  devm_add_action,
  devm_remove_action: (dev: number, action: number, data: number) => { devm_remove_action(dev, action, data); },
  devm_release_action,
}, true);
