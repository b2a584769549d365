// NVMEM providers from C (drivers/nvmem/core.c's nvmem_register family): the fixture nvmem-provider (builds with
// kbuild) registers 32 bytes through devm_nvmem_register; the nvmem file reads and writes them through its
// reg_read/reg_write, its type is the config's, and the device leaves with the driver.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { driver, sh, dmesg } from '../modules/helpers.ts';

describe('NVMEM providers in C', () => {
  it('the nvmem file reads and writes through reg_read/reg_write, and goes on rmmod', async () => {
    const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
    m.boot();
    m.putFile('/root/kwb_nvmem.ko', await driver('nvmem-provider'));
    expect(sh(m, 'insmod /root/kwb_nvmem.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('kwb-nvmem kwb-nvmem: 32 bytes of NVMEM');
    const d = '/sys/bus/nvmem/devices/kwb-nvmem';
    expect(sh(m, `readlink ${d}; cat ${d}/type; ls -l ${d}/nvmem | cut -c1-10; wc -c < ${d}/nvmem`)).toBe(
      '../../../devices/platform/kwb-nvmem/kwb-nvmem\nBattery backed\n-rw-r--r--\n32\n',
    );
    expect(sh(m, `head -c 9 ${d}/nvmem; echo`)).toBe('kwb nvmem\n');
    expect(sh(m, `printf 'KWB' | dd of=${d}/nvmem bs=1 seek=4 conv=notrunc 2>/dev/null; head -c 9 ${d}/nvmem; echo`)).toBe('kwb KWBem\n');
    expect(sh(m, `rmmod kwb_nvmem; echo rc=$?; ls ${d} 2>&1 | head -c 3`)).toBe('rc=0\nls:');
    expect(dmesg(m).filter((l) => /WARNING|BUG/.test(l))).toEqual([]);
  }, 300_000);
});
