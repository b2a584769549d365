// e2e: the IO view runs the compare workload (io.compare) and draws the four schedulers side by side; screenshots of each chart kind at 1280x800.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, useWorkbench } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const { page, problems } = useWorkbench({ width: 1280, height: 800 }, { prompt: false });

describe('IO view', () => {
  it('compares none, mq-deadline, kyber and bfq on one workload: four charts of each kind and the summary table', async () => {
    await page.getByTestId('tab-io').click();
    await page.getByTestId('io-view').waitFor();
    await page.getByTestId('io-compare-run').click();
    await page.getByTestId('io-summary').waitFor({ timeout: 120_000 });
    const rows = await page.getByTestId('io-summary').locator('tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(['none', 'mq-deadline', 'kyber', 'bfq']);
    for (const kind of ['dispatch', 'occupancy', 'latency', 'throughput']) {
      await page.getByTestId(`io-kind-${kind}`).click();
      for (const s of ['none', 'mq-deadline', 'kyber', 'bfq']) await page.getByTestId(`io-chart-${s}`).waitFor();
      // Each canvas has been drawn on: some pixels differ from the first one.
      const drawn = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid^="io-chart-"]')).map((c) => {
        const cv = c as HTMLCanvasElement, ctx = cv.getContext('2d')!;
        const d = ctx.getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let i = 4; i < d.length; i += 64) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
        return n;
      }));
      expect(drawn.every((n) => n > 100)).toBe(true);
      await page.getByTestId('io-grid').screenshot({ path: join(RESULTS, `io-${kind}.png`) });
    }
    await page.screenshot({ path: join(RESULTS, 'io-window.png') });
    expect(problems).toEqual([]);
  }, 240_000);
});
