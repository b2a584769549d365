// Models QEMU hw/i2c/core.c i2c_slave_realize_and_unref(): a slave node's `reg` is its 7-bit address on the bus of the controller above it.
import { prop_cells } from '../../scripts/dtc/livetree.ts';
import type { PlugEnv } from '../core/qom.ts';
import type { I2CBus, I2CSlave } from './core.ts';

/** A controller that offers an I2C bus to the nodes below it. */
export interface I2CBusOwner {
  readonly i2c: I2CBus;
}

/** Attaches `dev` at its node's reg on the parent's bus; a missing or taken address fails the build at the node. */
export function i2c_slave_plug(dev: I2CSlave, env: PlugEnv): void {
  const reg = env.node.get_property('reg');
  const cells = reg ? prop_cells(reg) : [];
  if (cells.length !== 1) {
    env.fail(`I2C device ${env.node.full_path} needs reg = <address> (one cell: the 7-bit address)`);
    return;
  }
  const bus = (env.parent as unknown as I2CBusOwner | null)?.i2c;
  if (!bus) {
    env.fail(`I2C device ${env.node.full_path} does not sit below an I2C controller`);
    return;
  }
  const err = bus.attach(Number(cells[0]), dev);
  if (err) env.fail(err);
}
