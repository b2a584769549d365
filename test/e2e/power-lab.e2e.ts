// e2e: the power lab in the lab panel (web mode, 1280x800): the starter fails step 1, the right answers pass it, and the starter driver fails step 2 with a message that teaches; screenshots in test-results/.
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useWorkbench } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
// `web` is read when a test runs: the server exists only after useWorkbench's beforeAll.
const workbench = useWorkbench({ width: 1280, height: 800 });
const { page } = workbench;

const shot = (name: string) => page.screenshot({ path: join(RESULTS, `power-lab-${name}.png`) });
const result = () => page.getByTestId('lab-result').textContent();
const ws = (p: string): string => join(workbench.web.workspace, 'labs/power', p);

async function check(): Promise<void> { await page.getByTestId('lab-check').click(); }

describe('the power lab in the lab panel', () => {
  it('step 1 fails with the starter\'s empty answers and passes with the machine\'s values', async () => {
    if (!(await page.getByTestId('lab-panel').isVisible())) await page.getByRole('button', { name: 'Labs', exact: true }).click();
    await page.getByTestId('lab-open-power').click();
    await page.getByTestId('lab-step-text').waitFor();
    expect(await page.getByTestId('lab-step-text').textContent()).toContain('/sys/power/state');
    await expect.poll(() => existsSync(ws('answers/mem-sleep.txt'))).toBe(true);
    await check();
    await expect.poll(result, { timeout: 60_000 }).toMatch(/✗\s*your file answers\/mem-sleep\.txt/);
    expect(await result()).not.toMatch(/\bdeep\b/);
    await shot('1-failed');
    writeFileSync(ws('answers/mem-sleep.txt'), 'deep\n');
    writeFileSync(ws('answers/edu-control.txt'), 'on\n');
    await check();
    await expect.poll(() => page.getByTestId('lab-done').textContent(), { timeout: 60_000 }).toBe('1/6 done');
  });

  it('step 2 builds and loads the starter driver and fails: edu never runtime-suspends', async () => {
    expect(await page.getByTestId('lab-step-text').textContent()).toContain('pm_runtime_use_autosuspend');
    await check();
    await expect.poll(result, { timeout: 300_000 }).toMatch(/✗[\s\S]*did not runtime-suspend after the delay/);
    expect(await page.getByTestId('lab-done').textContent()).toBe('1/6 done');
    await shot('2-failed');
  }, 400_000);
});
