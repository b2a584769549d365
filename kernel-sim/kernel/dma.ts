// Models linux/kernel/dma.c: the ISA DMA channel registry (request_dma/free_dma) and /proc/dma.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { EBUSY, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { proc_create_single } from '../fs/proc/generic.ts';
import { defineState } from './state.ts';

/** MAX_DMA_CHANNELS on x86: two 8237s, channel 4 cascading the first into the second. */
export const MAX_DMA_CHANNELS = 8;

/** dma_chan_busy: who holds each channel; 4 is the cascade from boot. */
const dmaState = defineState('dma', () => {
  const busy: (string | null)[] = new Array<string | null>(MAX_DMA_CHANNELS).fill(null);
  busy[4] = 'cascade';
  return { busy };
});

/** request_dma(): 0, -EINVAL for no such channel, -EBUSY when it is held. */
export function request_dma(dmanr: number, device_id: string): number {
  if (dmanr < 0 || dmanr >= MAX_DMA_CHANNELS) return -EINVAL;
  const busy = dmaState().busy;
  if (busy[dmanr] !== null) return -EBUSY;
  busy[dmanr] = device_id;
  return 0;
}

/** free_dma(): a channel nobody holds is only warned about in Linux; here it is left as it is. */
export function free_dma(dmanr: number): void {
  if (dmanr >= 0 && dmanr < MAX_DMA_CHANNELS && dmanr !== 4) dmaState().busy[dmanr] = null;
}

/** proc_dma_init (__initcall): "%2d: %s" for each held channel. */
function proc_dma_init(): number {
  proc_create_single('dma', 0, null, (m) => {
    dmaState().busy.forEach((id, i) => { if (id !== null) seq_puts(m, `${String(i).padStart(2)}: ${id}\n`); });
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'proc_dma_init', proc_dma_init, 2_000]];
