// Models linux/drivers/char/random.c's entropy source: one seeded generator per machine (get_random_bytes).
import { defineState } from '../kernel/state.ts';
import { PRandom } from './prandom.ts';

const rngState = defineState('random', () => ({ rng: new PRandom(1) }));

export function seed_machine_random(seed: number): void {
  rngState().rng = new PRandom(seed);
}

export function get_random_u32(): number {
  return rngState().rng.u32();
}

export function get_random_bytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const rng = rngState().rng;
  for (let i = 0; i < n; i += 4) {
    const v = rng.u32();
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
  }
  return out;
}
