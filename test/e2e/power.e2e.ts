// e2e: the Power view after runtime PM of the PCI devices (control: auto) and an rtcwake S3 cycle typed in the terminal: both Chart.js timelines drawn from power.history; screenshots at 1280x800.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, useWorkbench, waitForTerminal } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const { page, problems } = useWorkbench({ width: 1280, height: 800 });

/** Pixels of a canvas that differ from its first one: a drawn chart has many. */
const drawn = (testId: string): Promise<number> => page.evaluate((id) => {
  const cv = document.querySelector(`[data-testid="${id}"]`) as HTMLCanvasElement;
  const ctx = cv.getContext('2d')!;
  const d = ctx.getImageData(0, 0, cv.width, cv.height).data;
  let n = 0;
  for (let i = 4; i < d.length; i += 64) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
  return n;
}, testId);

describe('Power view', () => {
  it('charts the devices\' runtime PM status and the last suspend/resume per device and phase', async () => {
    await page.getByTestId('terminal').click();
    await page.keyboard.type('for d in /sys/bus/pci/devices/*; do echo auto > $d/power/control; done; sleep 1; rtcwake -m mem -s 2; echo done-$?');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^done-0$/m, 120_000);
    await page.getByTestId('tab-power').click();
    await page.getByTestId('power-view').waitFor();
    await page.getByTestId('power-refresh').click();
    await expect.poll(() => page.getByTestId('power-view').locator('.info').textContent(), { timeout: 30_000 }).toMatch(/[1-9]\d* runtime PM changes, 1 system sleeps/);
    await expect.poll(() => drawn('power-rpm-chart')).toBeGreaterThan(100);
    await expect.poll(() => drawn('power-sleep-chart')).toBeGreaterThan(100);
    await page.getByTestId('power-view').screenshot({ path: join(RESULTS, 'power-view.png') });
    await page.screenshot({ path: join(RESULTS, 'power-window.png') });
    expect(problems).toEqual([]);
  });
});
