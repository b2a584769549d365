// leds-gpio on the default machine's gpio-leds node: /sys/class/leds with brightness, max_brightness and trigger, the heartbeat and timer triggers blinking the GPIO line in virtual time.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';
import { bootWithBank, sh } from './harness.ts';

let m: Machine, hw: KwbGpioState;
beforeAll(() => { ({ m, hw } = bootWithBank()); });
const MS = 1_000_000;
const G = '/sys/class/leds/kwb:green:heartbeat';
const A = '/sys/class/leds/kwb:amber:disk';

/** The pin levels of `line` sampled every `step_ms` for `n` samples of virtual time. */
function samples(line: number, step_ms: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) { s += (hw.levels() >> line) & 1; m.runFor(step_ms * MS); }
  return s;
}

describe('leds-gpio and the LED class', () => {
  it('registers each child of gpio-leds under the leds platform device, the GPIO lines labelled with the LED names', () => {
    expect(sh(m, 'ls /sys/class/leds')).toBe('kwb:amber:disk\nkwb:green:heartbeat\n');
    expect(sh(m, `readlink ${G}`)).toBe('../../devices/platform/leds/leds/kwb:green:heartbeat\n');
    expect(sh(m, `cat ${G}/max_brightness ${G}/trigger ${A}/trigger`)).toBe('1\nnone timer [heartbeat] default-on\n[none] timer heartbeat default-on\n');
    expect(sh(m, 'gpioinfo gpiochip0 | head -3 | tail -2')).toBe(
      '\tline   0:       "LED0" "kwb:green:heartbeat" output active-high [used]\n\tline   1:       "LED1" "kwb:amber:disk" output active-high [used]\n');
  });

  it('heartbeat: two 70 ms thumps in a 1260 ms period (on 70, off 245, on 70, off 875 ms)', () => {
    // Sampled every 5 ms (every phase is a multiple of 5 ms), the inner runs of two periods have exact lengths.
    const runs = (samples(0, 5, 2 * 252 + 20).match(/0+|1+/g) ?? []).slice(1, -1).map((r) => `${r[0]}${r.length * 5}`);
    const cycle = ['170', '0245', '170', '0875'];
    const at = runs.indexOf('0875');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(runs.slice(at + 1, at + 5)).toEqual(cycle);
  });

  it('brightness writes drive the line and 0 removes the trigger; timer blinks with delay_on/delay_off', () => {
    expect(sh(m, `echo 1 > ${A}/brightness; cat ${A}/brightness`)).toBe('1\n');
    expect((hw.levels() >> 1) & 1).toBe(1);
    expect(sh(m, `echo 0 > ${G}/brightness; cat ${G}/trigger`)).toBe('[none] timer heartbeat default-on\n');
    expect(sh(m, `echo timer > ${A}/trigger; cat ${A}/delay_on ${A}/delay_off; echo 100 > ${A}/delay_on; echo 300 > ${A}/delay_off`)).toBe('500\n500\n');
    m.runFor(600 * MS);
    let guard = 0;
    while (((hw.levels() >> 1) & 1) === 0 && guard++ < 1000) m.runFor(MS);
    const s = samples(1, 50, 16);
    expect(s).toBe('1100000011000000');
    expect(sh(m, `echo bogus > ${A}/trigger; echo rc=$?; echo none > ${A}/trigger; ls ${A}`)).toMatch(/rc=1\nbrightness\ndevice\nmax_brightness\npower\nsubsystem\ntrigger\nuevent\n$/);
  });
});
