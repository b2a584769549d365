// Coherent DMA is one memory: the kernel pages a driver writes are the RAM the device reads at the bus address, and back, with no copy; the DMA-API record comes and goes with the buffer.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw, hwState } from '../../../kernel-sim/machine/hardware.ts';
import { pci_get_domain_bus_and_slot } from '../../../kernel-sim/drivers/pci/probe.ts';
import { dma_alloc_coherent, dma_free_coherent, dma_mappings_of } from '../../../kernel-sim/kernel/dma/mapping.ts';
import { kbytes } from '../../../kernel-sim/mm/kmem.ts';

describe('dma_alloc_coherent', () => {
  it('the driver and the device see the same bytes; freeing unmaps them', () => {
    const m = new Machine({ dts: readFileSync('resources/machines/qemu-q35-reference.dts', 'utf8'), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
    m.inspect(() => {
      const pdev = pci_get_domain_bus_and_slot(0, 0, 0x10)!;
      expect(pdev.vendor).toBe(0x1234);
      const buf = dma_alloc_coherent(pdev.dev, 100)!;
      const ram = machine_hw()!.ram;
      const hw = machine_hw()!.pci_hosts[0]!.root_bus.devices[0x10]!;
      expect(buf.cpu_addr).toBeGreaterThan(0);
      expect([...ram.read(buf.dma_handle, 4)]).toEqual([0, 0, 0, 0]);

      kbytes().set([1, 2, 3], buf.cpu_addr); // the CPU writes its mapping
      expect([...ram.read(buf.dma_handle, 3)]).toEqual([1, 2, 3]); // the device reads them, nothing copied in between
      ram.write(buf.dma_handle + 10, Uint8Array.of(9, 8)); // the device writes RAM
      expect([...kbytes().subarray(buf.cpu_addr + 10, buf.cpu_addr + 12)]).toEqual([9, 8]);
      expect([...buf.read(0, 3)]).toEqual([1, 2, 3]);

      expect(dma_mappings_of(pdev.dev)).toHaveLength(1);
      expect(hwState().dma_check(buf.dma_handle, 100, 'from_device', hw)).toBe(true);
      dma_free_coherent(pdev.dev, 100, buf);
      expect(dma_mappings_of(pdev.dev)).toEqual([]);
      expect([...ram.read(buf.dma_handle, 3)]).toEqual([0, 0, 0]);
      expect(hwState().dma_check(buf.dma_handle, 4, 'from_device', hw)).toBe(false);
    });
  });
});
