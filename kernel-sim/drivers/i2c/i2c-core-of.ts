// Models linux/drivers/i2c/i2c-core-of.c: clients from the adapter's device-tree children (reg = address, type from compatible), OF matching with the sysfs-name fallback, and the client's interrupt from its node.
import type { KGen } from '../../include/linux/sched.ts';
import { I2C_CLIENT_SLAVE, I2C_CLIENT_TEN, type i2c_adapter, type i2c_board_info, type i2c_client } from '../../include/linux/i2c.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { device, device_node, of_device_id } from '../base/base.ts';
import { dev_err } from '../base/core.ts';
import { be32, of_device_is_available, of_find_property, of_node_check_flag, of_node_clear_flag, of_node_set_flag, OF_POPULATED } from '../of/base.ts';
import { of_match_device, of_modalias } from '../of/device.ts';
import { of_irq_get } from '../of/irq.ts';

/** reg's flag bits for 10-bit and own-slave addresses (dt-bindings/i2c/i2c.h). */
const I2C_TEN_BIT_ADDRESS = 1 << 31, I2C_OWN_SLAVE_ADDRESS = 1 << 30;

const node_path = (np: device_node): string => {
  const parts: string[] = [];
  for (let n: device_node | null = np; n && n.parent; n = n.parent) parts.unshift(n.full_name);
  return `/${parts.join('/')}`;
};

/** of_modalias_node(): the client type is the first compatible without its vendor prefix ("national,lm75" -> "lm75"). */
function of_modalias_node(np: device_node): string | null {
  const c = np.compatible[0];
  if (!c) return null;
  const i = c.indexOf(',');
  return i >= 0 ? c.slice(i + 1) : c;
}

/** of_i2c_get_board_info(). */
export function of_i2c_get_board_info(dev: device, np: device_node): i2c_board_info | number {
  const type = of_modalias_node(np);
  if (!type) {
    dev_err(dev, `of_i2c: modalias failure on ${node_path(np)}`);
    return -EINVAL;
  }
  const reg = of_find_property(np, 'reg');
  if (!reg || reg.length < 4) {
    dev_err(dev, `of_i2c: invalid reg on ${node_path(np)}`);
    return -EINVAL;
  }
  let addr = be32(reg.value, 0);
  let flags = 0;
  if (addr & I2C_TEN_BIT_ADDRESS) { addr &= ~I2C_TEN_BIT_ADDRESS; flags |= I2C_CLIENT_TEN; }
  if (addr & I2C_OWN_SLAVE_ADDRESS) { addr &= ~I2C_OWN_SLAVE_ADDRESS; flags |= I2C_CLIENT_SLAVE; }
  return { type, addr: addr >>> 0, flags, of_node: np };
}

/**
 * of_i2c_register_devices(): one client per available child of the adapter's node (skipping those already populated).
 * The core passes its i2c_new_client_device in, so this file need not import the core that imports it.
 */
export function* of_i2c_register_devices(
  adap: i2c_adapter,
  i2c_new_client_device: (adap: i2c_adapter, info: i2c_board_info) => KGen<i2c_client | number>,
): KGen<void> {
  const bus = adap.dev.of_node;
  if (!bus) return;
  for (const node of bus.child) {
    if (!of_device_is_available(node) || of_node_check_flag(node, OF_POPULATED)) continue;
    of_node_set_flag(node, OF_POPULATED);
    const info = of_i2c_get_board_info(adap.dev, node);
    const client = typeof info === 'number' ? info : yield* i2c_new_client_device(adap, info);
    if (typeof client === 'number') {
      dev_err(adap.dev, `Failed to create I2C device for ${node_path(node)}`);
      of_node_clear_flag(node, OF_POPULATED);
    }
  }
}

/** i2c_of_match_device_sysfs(): a client made through new_device matches "vendor,name" by full string, a bare name by the part after the comma. */
function i2c_of_match_device_sysfs(matches: of_device_id[], client: i2c_client): of_device_id | null {
  for (const m of matches) {
    if (!m.compatible && !m.name && !m.type) break;
    const compat = m.compatible;
    if (!compat) continue;
    if (client.name.includes(',')) {
      if (compat === client.name) return m;
      continue;
    }
    const i = compat.indexOf(',');
    if ((i >= 0 ? compat.slice(i + 1) : compat) === client.name) return m;
  }
  return null;
}

/** i2c_of_match_device(): the node first, then the client's name. */
export function i2c_of_match_device(matches: of_device_id[] | undefined, client: i2c_client): of_device_id | null {
  if (!matches) return null;
  return of_match_device(matches, client.dev) ?? i2c_of_match_device_sysfs(matches, client);
}

/** The OF modalias of a client with a node, or null (then the core uses "i2c:<name>"). */
export function i2c_of_modalias(dev: device): string | null {
  return dev.of_node ? of_modalias(dev.of_node) : null;
}

/** of_irq_get(node, 0) for the client's IRQ (0 when it has none). */
export function i2c_of_client_irq(dev: device): number {
  return dev.of_node ? of_irq_get(dev.of_node, 0) : 0;
}
