// dma_map_sg/dma_unmap_sg for C drivers (the scatterlist DMA API tifm_core maps a card's data with), proved by the
// fixture dma-sg (builds with kbuild) on q35's edu: each entry is a mapping of its own that the device's DMA engine
// reads, and what the device writes reaches the buffer at dma_unmap_sg, not before (a bounce buffer, as swiotlb).
import { describe, expect, it } from 'vitest';
import { driver, q35, sh, dmesg } from '../modules/helpers.ts';

describe('scatterlist DMA from C', () => {
  it('maps each entry, lets the device read and write them, and syncs back at unmap', async () => {
    const m = q35({ '/root/kwb_dma_sg.ko': await driver('dma-sg') });
    expect(sh(m, 'insmod /root/kwb_dma_sg.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m).filter((l) => l.startsWith('kwb_dma_sg '));
    expect(log).toEqual([
      'kwb_dma_sg 0000:00:02.0: mapped 2 of 2, lengths 100 60',
      'kwb_dma_sg 0000:00:02.0: before unmap: 0 bytes back',
      'kwb_dma_sg 0000:00:02.0: after unmap: 160 bytes as sent',
    ]);
    expect(dmesg(m).filter((l) => /DMA-API|DMAR|WARNING/.test(l))).toEqual([]);
    expect(sh(m, 'rmmod kwb_dma_sg; echo rc=$?')).toBe('rc=0\n');
  }, 300_000);
});
