// Models linux/drivers/i2c/i2c-core-base.c's dummy driver and i2c_new_dummy_device(): clients that reserve an address for a driver that talks to it through another client (ee1004's page-select addresses, max6875's second address).
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { device_driver } from '../base/base.ts';
import type { i2c_adapter, i2c_client, i2c_driver } from '../../include/linux/i2c.ts';
import { i2c_new_client_device, i2c_register_driver } from './i2c-core-base.ts';

/** Binds the "dummy" and "smbus_host_notify" clients and does nothing with them (dummy_probe returns 0). */
const dummy_driver: i2c_driver = {
  driver: { name: 'dummy' } as device_driver,
  id_table: [{ name: 'dummy', driver_data: 0 }, { name: 'smbus_host_notify', driver_data: 0 }],
  probe: function* (): KGen<number> { return 0; },
};

/** i2c_new_dummy_device(): a client named "dummy" at `address`, bound to the dummy driver; the client or -errno. */
export function i2c_new_dummy_device(adapter: i2c_adapter, address: number): KGen<i2c_client | number> {
  return i2c_new_client_device(adapter, { type: 'dummy', addr: address });
}

/** i2c_init() adds the dummy driver right after the bus (postcore; its time is i2c_init's); no client exists yet, so nothing sleeps. */
function i2c_dummy_init(): number {
  const g = i2c_register_driver(null, dummy_driver);
  for (let s = g.next(); ; s = g.next()) if (s.done) return s.value;
}

export const initcalls: initcall_entry[] = [['postcore', 'i2c_dummy_init', i2c_dummy_init, 0]];
