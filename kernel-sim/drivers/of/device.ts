// Models linux/drivers/of/device.c: matching a device's of_node against a driver's table, its match data, the "of:N...T...C..." modalias and the OF_* uevent variables.
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { device, device_driver, device_node, of_device_id } from '../base/base.ts';
import { of_match_node, of_node_full_path, ofState } from './base.ts';

/** of_match_device(): the entry of `matches` the device's node fits best. */
export function of_match_device(matches: of_device_id[] | undefined | null, dev: device | null): of_device_id | null {
  if (!matches || !dev?.of_node) return null;
  return of_match_node(matches, dev.of_node);
}

/** of_driver_match_device(): the bus match step for OF. */
export function of_driver_match_device(dev: device, drv: device_driver): of_device_id | null {
  return of_match_device(drv.of_match_table, dev);
}

/** of_device_get_match_data(): the .data of the bound driver's matching entry. */
export function of_device_get_match_data(dev: device): unknown {
  if (!dev.driver) return null;
  return of_match_device(dev.driver.of_match_table, dev)?.data ?? null;
}

/** of_modalias(): "of:N<name>T<type or (null)>C<compat>..." with spaces in compatible strings as underscores. */
export function of_modalias(np: device_node): string {
  return `of:N${np.name}T${np.type ?? '(null)'}${np.compatible.map((c) => `C${c.replace(/ /g, '_')}`).join('')}`;
}

/** of_device_modalias(): the modalias line, or null where the device has no node (-ENODEV). */
export function of_device_modalias(dev: device): string | null {
  return dev.of_node ? `${of_modalias(dev.of_node)}\n` : null;
}

/** of_device_uevent(): OF_NAME, OF_FULLNAME, OF_TYPE, OF_COMPATIBLE_n, OF_COMPATIBLE_N, OF_ALIAS_n. */
export function of_device_uevent(dev: device, env: kobj_uevent_env): number {
  const np = dev.of_node;
  if (!np) return 0;
  let r = add_uevent_var(env, `OF_NAME=${np.name}`) || add_uevent_var(env, `OF_FULLNAME=${of_node_full_path(np)}`);
  if (np.type) r = r || add_uevent_var(env, `OF_TYPE=${np.type}`);
  np.compatible.forEach((c, i) => { r = r || add_uevent_var(env, `OF_COMPATIBLE_${i}=${c}`); });
  r = r || add_uevent_var(env, `OF_COMPATIBLE_N=${np.compatible.length}`);
  ofState().aliases_lookup.filter((a) => a.np === np).forEach((a, i) => { r = r || add_uevent_var(env, `OF_ALIAS_${i}=${a.alias}`); });
  return r;
}

/** of_device_uevent_modalias(): MODALIAS for a device with a node, -ENODEV otherwise. */
export function of_device_uevent_modalias(dev: device, env: kobj_uevent_env): number {
  if (!dev.of_node) return -19;
  return add_uevent_var(env, `MODALIAS=${of_modalias(dev.of_node)}`);
}
