// pci_read/write_config_* through pointers, pci_match_id on a C table and pci_iomap_range for C drivers (hpilo's
// calls), proved by the fixture pci-config (builds with kbuild) on the reference q35 machine's edu device.
import { describe, expect, it } from 'vitest';
import { driver, q35, sh, dmesg } from '../modules/helpers.ts';

describe('PCI config space from C', () => {
  it('reads the IDs, class and revision, writes the cache line size, finds its entry again and maps part of a BAR', async () => {
    const m = q35({ '/root/kwb_pcicfg.ko': await driver('pci-config') });
    expect(sh(m, 'insmod /root/kwb_pcicfg.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m).filter((l) => l.startsWith('kwb_pcicfg '));
    expect(log[0]).toMatch(/^kwb_pcicfg 0000:00:02\.0: 1234:11e8 class 00ff00 rev 16 cache line 16, entry same \(42\)$/);
    // edu's identification register (0x010000ed: version 1.0), read through the whole-BAR mapping; a range that
    // starts at the BAR's end maps nothing.
    expect(log[1]).toBe('kwb_pcicfg 0000:00:02.0: id 010000ed, past the end: NULL');
    expect(sh(m, 'rmmod kwb_pcicfg; echo rc=$?')).toBe('rc=0\n');
  }, 300_000);
});
