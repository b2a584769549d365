// Models the client constructors of linux/drivers/i2c/i2c-core-base.c for C drivers: i2c_new_client_device from a C struct i2c_board_info, devm_i2c_new_dummy_device (unregistered with the driver's other resources) and i2c_new_ancillary_device (the address from the node's "reg"/"reg-names", else the default).
import type { KGen } from '../../include/linux/sched.ts';
import type { i2c_board_info } from '../../include/linux/i2c.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { i2c_new_client_device } from '../../drivers/i2c/i2c-core-base.ts';
import { i2c_new_dummy_device } from '../../drivers/i2c/i2c-core-dummy.ts';
import { devm_add_action_or_reset } from '../../drivers/base/devres.ts';
import { dev_dbg } from '../../drivers/base/core.ts';
import { of_get_property, of_prop_strings, __of_find_property } from '../../drivers/of/base.ts';
import { kread_cstr, kread_u32 } from '../../mm/kmem.ts';
import { i2c_board_info_view, struct_i2c_board_info, struct_i2c_client } from '../../toolchain/layouts/views.generated.ts';
import { c_device, ERR_PTR } from './device.ts';
import { c_i2c_client, c_i2c_client_of, ts_i2c_adapter, unregister_c } from './i2c.ts';
import { ts_of_node } from './of.ts';
import { EXPORT_KAPI } from './registry.ts';

/** The C board info as the core's: type, flags, address, dev_name, platform data, node and irq. */
function ts_board_info(a: number): i2c_board_info {
  const v = i2c_board_info_view(a);
  return {
    type: kread_cstr(a + struct_i2c_board_info.OFF.type, 20), flags: v.flags, addr: v.addr_,
    dev_name: v.dev_name ? kread_cstr(v.dev_name, 64) : null, platform_data: v.platform_data || null, of_node: ts_of_node(v.of_node), irq: v.irq,
  };
}

/** i2c_new_dummy_device from C: the new client's C struct or ERR_PTR. */
function* new_dummy_c(adap_a: number, address: number): KGen<number> {
  const adap = ts_i2c_adapter(adap_a);
  if (!adap) return ERR_PTR(-EINVAL);
  const r = yield* i2c_new_dummy_device(adap, address & 0xffff);
  return typeof r === 'number' ? ERR_PTR(r) : c_i2c_client(r);
}

/** Runs a sleeping unregister to its end from a devres release (which cannot yield: the release path is atomic here). */
function unregister_now(client_a: number): void {
  const g = unregister_c(client_a);
  for (let s = g.next(); !s.done; s = g.next());
}

export const ksymtab = EXPORT_KAPI({
  i2c_new_client_device: function* (adap_a: number, info_a: number): KGen<number> {
    const adap = ts_i2c_adapter(adap_a);
    if (!adap || !info_a) return ERR_PTR(-EINVAL);
    const r = yield* i2c_new_client_device(adap, ts_board_info(info_a));
    return typeof r === 'number' ? ERR_PTR(r) : c_i2c_client(r);
  },
  devm_i2c_new_dummy_device: function* (dev_a: number, adap_a: number, address: number): KGen<number> {
    const dev = c_device(dev_a);
    if (!dev) return ERR_PTR(-EINVAL);
    const client = yield* new_dummy_c(adap_a, address);
    if (client >= ERR_PTR(-4095)) return client; // IS_ERR
    const ret = devm_add_action_or_reset(dev, () => unregister_now(client), null, 'devm_i2c_release_dummy');
    return ret ? ERR_PTR(ret) : client;
  },
  i2c_new_ancillary_device: function* (client_a: number, name_a: number, default_addr: number): KGen<number> {
    const client = c_i2c_client_of(client_a);
    if (!client) return ERR_PTR(-EINVAL);
    const name = kread_cstr(name_a, 64);
    let addr = default_addr & 0xffff;
    const np = client.dev.of_node;
    const i = np ? of_prop_strings(__of_find_property(np, 'reg-names')).indexOf(name) : -1;
    const reg = i >= 0 ? of_get_property(np, 'reg') : null;
    if (reg && reg.length >= 4 * (i + 1)) addr = new DataView(reg.buffer, reg.byteOffset).getUint32(4 * i);
    dev_dbg(client.adapter.dev, `Address for ${name} : 0x${addr.toString(16)}`);
    return yield* new_dummy_c(kread_u32(client_a + struct_i2c_client.OFF.adapter), addr);
  },
}, true);
