// Models a Linear Technology LTC2488: a 16-bit delta-sigma ADC with four single-ended inputs (or two differential pairs) on SPI, the part Linux's spidev lists ("lineartechnology,ltc2488").
//
// Each frame is 24 clocks. Clocked out: /EOC (0: a conversion is ready), a
// dummy 0, SIG (1 for an input at or above COM), then the 16-bit result MSB
// first, then zeros. Clocked in at the same time: the first byte selects the
// next conversion's input when it is 101xxxxx (1 0 EN SGL ODD A2 A1 A0); the
// result read is always the one converted before, as on the part (one frame of
// latency). Full scale is Vref/2 (VREF from `kwb,vref-microvolt`, 5 V by
// default); the inputs are `kwb,channel-microvolt` (host side: set_input).
import type { DTNode } from '../../scripts/dtc/livetree.ts';
import { prop_cells, prop_u32 } from '../../scripts/dtc/livetree.ts';
import type { HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_numbers, vmstate_info_scalar } from '../core/vmstate.ts';
import { SSIPeripheral, type SSITypeInfo } from './ssi.ts';

export const LTC2488_CHANNELS = 4;

export class LTC2488State extends SSIPeripheral {
  readonly type_info = { name: 'ltc2488', desc: 'LTC2488 16-bit 4-channel SPI ADC' };
  /** SCK idles low, data is sampled on the rising edge: mode 0 only. */
  readonly spi_modes = [0];
  /** The selection (SGL, ODD, A2..A0 bits) the running conversion uses. */
  config = 0b10000;
  /** The result the next frame shifts out: 24 bits. */
  result = 0;
  private frame_pos = 0;
  private frame_in = 0;

  constructor(ctx: HwContext, id: string, readonly vref_uv: number, public inputs_uv: number[]) {
    super(ctx, id);
    this.convert();
  }

  /** Host side: the voltage on CHn (microvolts above COM). */
  set_input(ch: number, uv: number): void { this.inputs_uv[ch] = uv; }

  /** The voltage the selected input pair measures. */
  private measured_uv(): number {
    const sgl = (this.config >> 4) & 1, odd = (this.config >> 3) & 1, a = this.config & 1;
    if (sgl) return this.inputs_uv[a * 2 + odd] ?? 0;
    const p = this.inputs_uv[a * 2] ?? 0, n = this.inputs_uv[a * 2 + 1] ?? 0;
    return odd ? n - p : p - n;
  }

  /** A conversion: SIG and 16 bits of |V| / (Vref/2), clipped at full scale. */
  private convert(): void {
    const v = this.measured_uv();
    const sig = v >= 0 ? 1 : 0;
    const code = Math.min(0xffff, Math.round((Math.abs(v) * 65536) / (this.vref_uv / 2)));
    const data = sig ? code : (0x10000 - code) & 0xffff;
    this.result = (sig << 21) | (data << 5);
  }

  set_cs(select: boolean): void {
    if (select) { this.frame_pos = 0; this.frame_in = 0; return; }
    // A complete frame starts the next conversion, with the input it selected.
    if (this.frame_pos >= 3) {
      if ((this.frame_in >> 5) === 0b101) this.config = this.frame_in & 0x1f;
      this.convert();
    }
  }

  transfer(tx: number): number {
    const i = this.frame_pos++;
    if (i === 0) this.frame_in = tx;
    return i < 3 ? (this.result >> (8 * (2 - i))) & 0xff : 0;
  }

  reset(): void { this.config = 0b10000; this.frame_pos = 0; this.convert(); }

  readonly vmsd: VMStateDescription<LTC2488State> = {
    name: 'ltc2488',
    fields: [['config', vmstate_info_scalar], ['result', vmstate_info_scalar], ['inputs_uv', vmstate_info_numbers]],
  };
}

export const types: SSITypeInfo[] = [{
  name: 'ltc2488', compatible: 'lineartechnology,ltc2488', bus: 'ssi',
  instance_init: (ctx: HwContext, n: DTNode) => {
    const p = n.get_property('kwb,channel-microvolt');
    const uv = p ? prop_cells(p).map((x) => Number(BigInt.asIntN(32, x))) : [];
    return new LTC2488State(ctx, n.name, prop_u32(n, 'kwb,vref-microvolt') ?? 5_000_000, Array.from({ length: LTC2488_CHANNELS }, (_, i) => uv[i] ?? 0));
  },
}];
