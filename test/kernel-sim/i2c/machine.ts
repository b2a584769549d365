// Test machine for the I2C tests: the q35 reference machine with an LM75 at 0x48 and a 24c02 at 0x50 below the ICH9 SMBus, as default.dts declares them.
import { machineSource } from '../hw/machine-harness.ts';

export const SMBUS_NODE = `smbus@1f,3 {
			compatible = "intel,ich9-smbus";
			reg = <0xfb00 0 0 0 0>;
			#address-cells = <1>;
			#size-cells = <0>;

			temp-sensor@48 {
				compatible = "national,lm75";
				reg = <0x48>;
			};

			eeprom@50 {
				compatible = "atmel,24c02";
				reg = <0x50>;
				pagesize = <8>;
			};
		};`;

/** The reference machine's source with the SMBus node replaced by `smbus` (default: SMBUS_NODE). */
export function i2cMachineSource(smbus = SMBUS_NODE): string {
  const src = machineSource('qemu-q35-reference.dts');
  const out = src.replace(/smbus@1f,3 \{[^}]*\};/, smbus);
  if (out === src) throw new Error('qemu-q35-reference.dts has no smbus@1f,3 node');
  return out;
}
