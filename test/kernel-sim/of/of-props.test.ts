// The of_* and device_property_* API for C modules: the of-props fixture (test/fixtures/drivers/of-props) probes a node of its own and prints what it reads.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { driver, sh, dmesg } from '../modules/helpers.ts';

const NODE = `
	props: of-props {
		compatible = "kwb,of-props";
		#address-cells = <1>;
		#size-cells = <0>;
		label = "sensor-a";
		kwb,rate = <48000>;
		kwb,gains = <1 2 3>;
		kwb,serial = /bits/ 64 <0x123456789abcdef0>;
		kwb,shorts = /bits/ 16 <0x1234 0x5678>;
		kwb,mac = [de ad be ef];
		kwb,modes = "slow", "fast", "turbo";
		kwb,enabled;

		channel@0 {
			reg = <0>;
		};

		channel@1 {
			reg = <1>;
			status = "disabled";
		};
	};
`;

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('of-props'); }, 240_000);

describe('of_props.ko', () => {
  it('matches its node, reads every kind of property and walks the tree', () => {
    const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8')
      .replace('serial0 = &uart0;', 'serial0 = &uart0;\n\t\tkwbprops0 = &props;')
      .replace(/\n\tpcie: pcie@b0000000 \{/, `${NODE}\n\tpcie: pcie@b0000000 {`);
    const m = new Machine({ dts, dtsName: 'default.dts' });
    m.boot();
    m.putFile('/root/of_props.ko', ko);
    expect(sh(m, 'insmod /root/of_props.ko; echo rc=$?; readlink /sys/bus/platform/devices/of-props/driver')).toBe('rc=0\n../../../bus/platform/drivers/of-props\n');
    const log = dmesg(m).filter((l) => l.startsWith('of-props of-props: ')).map((l) => l.slice('of-props of-props: '.length));
    expect(log).toEqual([
      'variant v1 (4 channels), compatible: 1073741823',
      'kwb,rate: ret 0 value 48000',
      'kwb,gains: ret 0 values 1 2 3, count 3',
      'kwb,gains[2]: ret 0 value 3',
      'kwb,serial: ret 0 value 0x123456789abcdef0',
      'kwb,shorts: ret 0 values 4660 22136',
      'kwb,mac: ret 0 de:ad:be:ef',
      'label: ret 0 "sensor-a"',
      'kwb,modes: 3 strings, read 3, first "slow", match "fast" at 1',
      'kwb,modes[2]: ret 0 "turbo"',
      'kwb,enabled 1, kwb,missing 0',
      'of_get_property: len 12 first 0x00000001',
      // -EINVAL for a missing property, -EOVERFLOW for one too short, -ENODATA for a string from an empty one.
      'errors: missing -22, empty as u32 -75, short -75, no string -61',
      'device_property: rate ret 0 48000, bool 1, label 0',
      'device_get_match_data v1',
      'child channel reg 0 (0)',
      'child channel reg 1 (0)',
      '2 children, first channel channel@0, 1 available',
      'parent /',
      '/chosen: found, bootargs ret 0',
      'kwb,simple-gpio node gpio@fed70000, available 1',
      '2 cpu nodes, alias id 0',
    ]);
    expect(sh(m, 'cat /sys/bus/platform/devices/of-props/uevent')).toBe(
      'DRIVER=of-props\nOF_NAME=of-props\nOF_FULLNAME=/of-props\nOF_COMPATIBLE_0=kwb,of-props\nOF_COMPATIBLE_N=1\nOF_ALIAS_0=kwbprops0\nMODALIAS=of:Nof-propsT(null)Ckwb,of-props\n');
    expect(sh(m, 'rmmod of_props; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).some((l) => l.includes('Bad of_node_put') || l.includes('still held'))).toBe(false);
  }, 60_000);
});
