// The breadboard view's methods: gpio.board joins the bank's pins (hw/gpio) with gpiolib's lines and the LEDs; gpio.set_input presses a button on an input pin and the kernel sees the edge.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { gpioMethods } from '../../../kernel-sim/host/methods/gpio.ts';
import { GpioBoardSchema } from '../../../kernel-sim/api/methods/gpio.ts';
import type { MethodContext } from '../../../kernel-sim/host/methods/define.ts';
import { bootWithBank, sh } from './harness.ts';

let m: Machine;
let ctx: MethodContext;
beforeAll(() => { ({ m } = bootWithBank()); ctx = { machine: () => m } as unknown as MethodContext; });

const board = () => GpioBoardSchema.parse(gpioMethods['gpio.board'].handler({}, ctx));
const press = (line: number, level: 0 | 1) => GpioBoardSchema.parse(gpioMethods['gpio.set_input'].handler({ bank: '/gpio@fed80000', line, level }, ctx));

describe('gpio.board', () => {
  it('lists both controllers: the bank with gpiochip0\'s lines, the learners\' gpio0 without a chip', () => {
    const b = board();
    expect(b.banks.map((x) => [x.path, x.compatible, x.chip])).toEqual([['/gpio@fed70000', 'kwb,simple-gpio', null], ['/gpio@fed80000', 'kwb,gpio-bank', 'gpiochip0']]);
    const bank = b.banks[1]!;
    expect(bank.label).toBe('fed80000.gpio');
    expect(bank.lines.map((l) => l.name)).toEqual(['LED0', 'LED1', '', '', 'BTN0', 'BTN1', '', '']);
    expect(bank.lines[1]).toMatchObject({ kernel: { used: true, consumer: 'kwb:amber:disk', output: true, active_low: false, irq: false }, driven: true });
    expect(bank.lines[5]).toMatchObject({ kernel: { used: false, consumer: '', output: false }, driven: false, level: 0 });
    expect(b.banks[0]!.lines.every((l) => l.kernel === null)).toBe(true);
    expect(b.leds.map((l) => [l.label, l.bank, l.line])).toEqual([['kwb:green:heartbeat', '/gpio@fed80000', 0], ['kwb:amber:disk', '/gpio@fed80000', 1]]);
  });

  it('lights an LED when its line goes high (brightness written in the guest)', () => {
    expect(board().leds[1]!.lit).toBe(false);
    sh(m, 'echo 1 > /sys/class/leds/kwb:amber:disk/brightness');
    const b = board();
    expect(b.leds[1]!.lit).toBe(true);
    expect(b.banks[1]!.lines[1]!.level).toBe(1);
  });
});

describe('gpio.set_input', () => {
  it('drives an input pin: the level and edge count follow, a watching gpiomon sees the press', () => {
    const before = board().banks[1]!.lines[5]!.edges;
    const down = press(5, 1);
    expect(down.banks[1]!.lines[5]).toMatchObject({ level: 1, input: 1, edges: before + 1 });
    expect(press(5, 0).banks[1]!.lines[5]).toMatchObject({ level: 0, edges: before + 2 });
    expect(sh(m, 'gpioget gpiochip0 5')).toBe('0\n');
  });

  it('refuses an unknown controller, a line past the bank and an output line, saying which', () => {
    expect(() => gpioMethods['gpio.set_input'].handler({ bank: '/nope', line: 0, level: 1 }, ctx)).toThrow(/no GPIO controller at \/nope/);
    expect(() => press(9, 1)).toThrow(/has lines 0-7, not 9/);
    expect(() => press(1, 1)).toThrow(/line 1 of \/gpio@fed80000 is an output/);
  });
});
