// The managed PCI setup, PCI search and scatterlist iterator for C drivers (what Linux 6.1's cb710 calls:
// pcim_iomap_regions, pcim_iomap_table, devm_request_irq/devm_free_irq, pci_get_slot, pci_dev_put, sg_miter_*),
// proved by the fixture pci-managed (builds with kbuild) on the reference q35 machine's edu device.
import { describe, expect, it } from 'vitest';
import { driver, q35, sh, dmesg } from '../modules/helpers.ts';

describe('managed PCI resources from C', () => {
  it('maps BAR 0 through the table, holds the region and IRQ while bound, finds the host bridge, walks an sg list, and releases all on unbind', async () => {
    const m = q35({ '/root/kwb_pcim.ko': await driver('pci-managed') });
    expect(sh(m, 'insmod /root/kwb_pcim.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m).filter((l) => l.startsWith('kwb_pcim '));
    expect(log).toEqual([
      // edu has no BAR 1: pcim_iomap_regions refuses it with -EINVAL.
      'kwb_pcim 0000:00:02.0: BAR 1 (empty): -22',
      'kwb_pcim 0000:00:02.0: id 010000ed, table has BAR 0 only',
      'kwb_pcim 0000:00:02.0: bus 00 slot 0: 8086:29c0',
      `kwb_pcim 0000:00:02.0: ${sh(m, 'lspci | wc -l').trim()} PCI devices`,
      'kwb_pcim 0000:00:02.0: sg: wrote 5100 bytes, b[99] = 235, read 5090 after skipping 10, sum 647845',
    ]);
    expect(sh(m, 'grep -c kwb_pcim /proc/iomem; grep kwb_pcim /proc/interrupts | grep -c second')).toBe('1\n0\n');
    expect(sh(m, 'grep -c kwb_pcim /proc/interrupts')).toBe('1\n');
    expect(sh(m, 'rmmod kwb_pcim; echo rc=$?; grep -c kwb_pcim /proc/iomem /proc/interrupts')).toBe('rc=0\n/proc/iomem:0\n/proc/interrupts:0\n');
    expect(dmesg(m).join('\n')).not.toMatch(/WARNING|BUG|leak/);
  }, 300_000);
});
