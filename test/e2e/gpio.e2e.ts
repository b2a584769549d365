// e2e: the GPIO breadboard view — the kwb bank's pins with their consumers, a switch and a push button driving input pins, and an LED lit by a shell loop that waits for the button with gpiomon; screenshots at 1280x800 and 1600x1000 in test-results/.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, useWorkbench, waitForTerminal } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const { page, problems } = useWorkbench({ width: 1280, height: 800 });

const line = (offset: number) => page.getByTestId(`gpio-line-gpiochip0-${offset}`);
const value = (offset: number) => line(offset).getAttribute('data-level');
const lit = (label: string) => page.getByTestId(`led-${label}`).getAttribute('data-lit');

describe('GPIO breadboard', () => {
  it('shows the bank\'s lines, drives input pins from a switch and a push button, and lights an LED the guest turns on after the press', async () => {
    // The guest waits for a rising edge on BTN1 (line 5), then turns the amber LED on.
    await page.getByTestId('terminal').click();
    await page.keyboard.type('(gpiomon -r -n 1 gpiochip0 5; echo 1 > /sys/class/leds/kwb:amber:disk/brightness) & echo armed-$((40+2))');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^armed-42$/m);
    await page.getByTestId('right-gpio').click();
    await page.getByTestId('gpio-view').waitFor();
    await expect.poll(() => line(5).textContent(), { timeout: 15_000 }).toContain('"gpiomon"');
    expect(await line(0).textContent()).toContain('kwb:green:heartbeat');
    expect(await value(5)).toBe('0');
    expect(await lit('kwb:amber:disk')).toBe('0');

    // The switch holds BTN1 high: the pin reads 1, gpiomon wakes and the guest lights the LED.
    await line(5).getByTestId('switch').click();
    await expect.poll(() => value(5), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => lit('kwb:amber:disk'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => line(5).textContent(), { timeout: 10_000 }).toContain('unused');

    // The push button holds BTN0 high only while pressed.
    const push = line(4).getByTestId('button');
    await push.hover();
    await page.mouse.down();
    await expect.poll(() => value(4), { timeout: 10_000 }).toBe('1');
    await page.mouse.up();
    await expect.poll(() => value(4), { timeout: 10_000 }).toBe('0');

    await page.getByTestId('gpio-view').screenshot({ path: join(RESULTS, 'gpio-view-1280.png') });
    await page.screenshot({ path: join(RESULTS, 'gpio-window-1280.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(RESULTS, 'gpio-window-1600.png') });
    expect(problems).toEqual([]);
  });
});
