// End to end in web mode: the lab side bar and the lab's document tab guide through the boot lab, its Check button marks a step once the learner's answer is right (and moves on to the next step), and progress survives a restart of the whole app. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startWebMode, waitForTerminal, type WebMode } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const PROMPT = /^root@\S+:\S*# ?$/m;

let web: WebMode;
let browser: Browser;
let page: Page;
let setupError: unknown = null;

beforeAll(async () => {
  try {
    browser = await launchChromium();
    web = await startWebMode();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    mkdirSync(RESULTS, { recursive: true });
  } catch (err) {
    setupError = err;
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

function ready(): void { if (setupError) throw setupError; }
const shot = (name: string) => page.screenshot({ path: join(RESULTS, `labs-${name}.png`) });

/**
 * Shows the Labs side pane (it is open by default; clicking the active activity would close it). The panel's code
 * loads after the shell's prompt, so whether Labs is shown is read from its activity button, not from the panel.
 */
async function showLabs(): Promise<void> {
  const button = page.getByRole('button', { name: 'Labs', exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.getByTestId('lab-panel').waitFor();
}

async function openBootLab(): Promise<void> {
  await page.goto(web.url);
  await waitForTerminal(page, PROMPT);
  await showLabs();
  await page.getByTestId('lab-open-boot').click();
  await page.getByTestId('lab-step-text').waitFor();
}

describe('guided labs in the workbench', () => {
  it('lists the labs and opens one at its first step, with its starter files in the workspace', async () => {
    ready();
    await page.goto(web.url);
    await waitForTerminal(page, PROMPT);
    await showLabs();
    const catalog = page.getByTestId('lab-catalog');
    await catalog.waitFor();
    for (const title of ['Boot: from power-on to a shell', 'The PCI probe path', 'Character devices']) await expect.poll(() => catalog.textContent()).toContain(title);
    // Each step count sits in its own column, clear of its title however the title wraps.
    for (const id of ['boot', 'pci-probe']) {
      const title = await page.getByTestId(`lab-open-${id}`).boundingBox();
      const count = await page.getByTestId(`lab-count-${id}`).boundingBox();
      expect(title && count && count.x >= title.x + title.width + 4, `${id}: step count overlaps or touches its title`).toBe(true);
    }
    await shot('1-catalog');
    await page.getByTestId('lab-open-boot').click();
    await page.getByTestId('lab-step-text').waitFor();
    expect(await page.getByTestId('lab-step-text').textContent()).toContain('start_kernel()');
    expect(await page.getByTestId('lab-done').textContent()).toBe('0/6 done');
    await expect.poll(() => existsSync(join(web.workspace, 'labs/boot/answers/longest-phase.txt'))).toBe(true);
    await shot('2-step');
  });

  it('fails the check with a message that teaches, then passes once the answer is right', async () => {
    ready();
    await page.getByTestId('lab-check').click();
    const result = page.getByTestId('lab-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/✗\s*your file answers\/longest-phase\.txt\s*your answer in answers\/longest-phase\.txt is not what this step asks for/);
    expect(await result.textContent()).not.toContain('arch_cpu_finalize_init');
    await shot('3-failed');
    // The learner writes the answer (here straight into the workspace the editor saves to).
    writeFileSync(join(web.workspace, 'labs/boot/answers/longest-phase.txt'), 'arch_cpu_finalize_init\n');
    await page.getByTestId('lab-check').click();
    // A pass moves on to the next step and says which one passed.
    await expect.poll(() => page.getByTestId('lab-passed-note').isVisible().catch(() => false), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('lab-passed-note').textContent()).toMatch(/start_kernel.s phases passed/);
    await expect.poll(() => page.getByTestId('lab-done').textContent()).toBe('1/6 done');
    expect(await page.locator('.steps li').first().getAttribute('class')).toContain('passed');
    await shot('4-passed');
  });

  it('keeps progress across a restart of the app', async () => {
    ready();
    const { workspace, configDir } = web;
    await web.stop();
    web = await startWebMode(workspace, configDir);
    await openBootLab();
    expect(await page.getByTestId('lab-done').textContent()).toBe('1/6 done');
    expect(await page.locator('.steps li').first().getAttribute('class')).toContain('passed');
    // It resumes at the first step not done yet.
    expect(await page.locator('.steps li.current').textContent()).toContain('initcall_debug');
    expect(JSON.parse(readFileSync(join(configDir, 'lab-progress.json'), 'utf8')).boot.completed).toEqual(['phases']);
    await shot('5-after-restart');
  });
});
