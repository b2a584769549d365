// Streaming DMA as vda's reads use it: a whole page is mapped in place (dma-direct: the device writes the driver's page, nothing is
// copied at unmap), a part of a page is bounced (swiotlb: the device's bytes reach the buffer only at unmap); and a virtio-blk
// request maps only its data (its header and status byte live in the queue's coherent pdu buffer).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw, hwState } from '../../../kernel-sim/machine/hardware.ts';
import { pci_get_domain_bus_and_slot } from '../../../kernel-sim/drivers/pci/probe.ts';
import { DMA_FROM_DEVICE, dma_map_single, dma_mappings_of, dma_unmap_single } from '../../../kernel-sim/kernel/dma/mapping.ts';
import { trace_events, trace_subsystem_enable } from '../../../kernel-sim/kernel/trace/trace.ts';

const q35 = (): Machine => {
  const m = new Machine({ dts: readFileSync('resources/machines/qemu-q35-reference.dts', 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  return m;
};

describe('streaming DMA mappings', () => {
  it('a whole page is written in place by the device; a part of a page only reaches the buffer at unmap', () => {
    const m = q35();
    m.inspect(() => {
      const pdev = pci_get_domain_bus_and_slot(0, 0, 0x10)!;
      const hw = machine_hw()!.pci_hosts[0]!.root_bus.devices[0x10]!;
      const ram = machine_hw()!.ram;
      const page = new Uint8Array(4096), small = new Uint8Array(100);
      const a = dma_map_single(pdev.dev, page, 4096, DMA_FROM_DEVICE), b = dma_map_single(pdev.dev, small, 100, DMA_FROM_DEVICE);
      expect(dma_mappings_of(pdev.dev).map((x) => x.size)).toEqual(expect.arrayContaining([4096, 100]));
      expect(hwState().dma_check(a, 4096, 'from_device', hw)).toBe(true);
      expect(hwState().dma_check(a, 4096, 'to_device', hw)).toBe(false); // mapped for the device to write only
      ram.write(a + 8, Uint8Array.of(7, 6, 5));
      ram.write(b, Uint8Array.of(1, 2));
      expect([...page.subarray(8, 11)]).toEqual([7, 6, 5]); // direct: the device wrote the page itself
      expect([...small.subarray(0, 2)]).toEqual([0, 0]); // bounced: still in the bounce buffer
      dma_unmap_single(pdev.dev, a, 4096, DMA_FROM_DEVICE);
      dma_unmap_single(pdev.dev, b, 100, DMA_FROM_DEVICE);
      expect([...small.subarray(0, 2)]).toEqual([1, 2]);
      expect(dma_mappings_of(pdev.dev)).toEqual([]);
      // Unmapped, the page is no longer RAM: a late device write faults and does not reach it.
      expect(hwState().dma_check(a, 4, 'from_device', hw)).toBe(false);
      ram.write(a + 8, Uint8Array.of(9));
      expect(page[8]).toBe(7);
      // The pool page is reused by the next mapping of a page.
      expect(dma_map_single(pdev.dev, new Uint8Array(4096), 4096, DMA_FROM_DEVICE)).toBe(a);
    });
  });

  it('a vda read maps its data page and nothing else; the data arrives', () => {
    const m = q35();
    m.runCommand('modprobe virtio_pci; modprobe virtio_blk');
    expect(m.runCommand('printf kwb-dma-test | dd of=/dev/vda bs=512 seek=64 conv=notrunc 2>/dev/null; sync').status).toBe(0);
    const from = m.inspect(() => trace_events().length);
    const off = m.inspect(() => trace_subsystem_enable('dma/dma_map'));
    const r = m.runCommand('dd if=/dev/vda bs=4096 skip=8 count=1 iflag=direct 2>/dev/null | head -c 12');
    m.inspect(off);
    expect(r.output).toBe('kwb-dma-test');
    const maps = m.inspect(() => trace_events().slice(from).filter((e) => e.cat === 'dma' && e.name === 'dma_map'));
    expect(maps.length).toBeGreaterThan(0);
    expect(maps.map((e) => (e.args as { size: number }).size).every((s) => s === 4096)).toBe(true);
  });
});
