// End to end in web mode: the default workspace opens with the edu driver in Monaco; a compile error shows as a marker and in Problems, the fix clears it and is saved to disk; Build & Load; dmesg updates live; a second terminal; the boot timeline; a trace export. Screenshots of each step go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startWebMode, waitForTerminal, type WebMode } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const PROMPT = /^root@\S+:\S*# ?$/m;
const BROKEN = 'int kwb_e2e_broken = kwb_undeclared;';
/** A module whose init dereferences NULL on line 7. */
const CRASH = readFileSync(join(ROOT, 'test/fixtures/oops/crash.c'), 'utf8');

let web: WebMode;
let browser: Browser;
let page: Page;
let setupError: unknown = null;
const problems: string[] = [];

beforeAll(async () => {
  try {
    browser = await launchChromium();
    web = await startWebMode();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
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
const shot = (name: string) => page.screenshot({ path: join(RESULTS, `workbench-${name}.png`) });
const markers = (severity: string) => page.evaluate((sev) => {
  const m = (window as unknown as { __kwbMonaco?: { monaco: { editor: { getModelMarkers(f: object): Array<{ severity: number; message: string; startLineNumber: number }> }; MarkerSeverity: Record<string, number> } } }).__kwbMonaco;
  if (!m) return [];
  return m.monaco.editor.getModelMarkers({}).filter((x) => x.severity === m.monaco.MarkerSeverity[sev]).map((x) => `${x.startLineNumber}: ${x.message}`);
}, severity);

describe('the workbench in web mode', () => {
  it('opens the default workspace with the edu driver in Monaco', async () => {
    ready();
    await page.goto(web.url);
    await page.getByTestId('editor-tab-edu.c').waitFor();
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('SPDX-License-Identifier'));
    await waitForTerminal(page, PROMPT);
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    await page.getByTestId('file-edu/edu.c').waitFor();
    expect(await page.getByTestId('file-boot/default.dts').isVisible()).toBe(true);
    await shot('1-open');
  });

  it('shows a compile error as a marker and in Problems, and clears it when fixed; edits reach the workspace on disk', async () => {
    ready();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(BROKEN, { delay: 5 });
    await page.keyboard.press('Escape');
    await expect.poll(() => markers('Error'), { timeout: 120_000, interval: 250 }).toEqual(expect.arrayContaining([expect.stringMatching(/kwb_undeclared/)]));
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.getByTestId('problem-count').waitFor();
    await page.getByTestId('tab-problems').click();
    expect(await page.getByTestId('problem').first().textContent()).toMatch(/kwb_undeclared/);
    await expect.poll(() => readFileSync(join(web.workspace, 'edu/edu.c'), 'utf8'), { timeout: 10_000 }).toContain(BROKEN);
    await shot('2-compile-error');

    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => markers('Error'), { timeout: 120_000, interval: 250 }).toEqual([]);
    await expect.poll(() => readFileSync(join(web.workspace, 'edu/edu.c'), 'utf8'), { timeout: 10_000 }).not.toContain('kwb_e2e_broken');
    expect(readFileSync(join(web.workspace, 'edu/edu.c'), 'utf8')).toBe(readFileSync(join(ROOT, 'resources/workspace/edu/edu.c'), 'utf8'));
    await shot('3-fixed');
  });

  it('runs Build & Load and shows the kernel\'s verdict: the probe and the bound device, or the errno and the kernel\'s reason', async () => {
    ready();
    await page.getByTestId('build-load').click();
    // Settled: no longer "Saving…" or "Building and loading…".
    await expect.poll(() => page.getByTestId('build-message').textContent(), { timeout: 100_000 }).toMatch(/^(?!.*…$)/);
    const message = (await page.getByTestId('build-message').textContent())!;
    const cls = (await page.getByTestId('build-message').getAttribute('class'))!;
    // The structured result (module.load) shows under the tabs.
    await page.getByTestId('load-result').waitFor();
    const status = (await page.getByTestId('load-status').textContent())!.trim();
    await shot('4-build-load');
    if (cls.includes('done')) {
      expect(message).toMatch(/^Loaded edu — [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] bound to edu$/);
      expect(status).toMatch(/^edu: (re)?loaded$/);
      const bdf = /([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/.exec(message)![1]!;
      expect((await page.getByTestId('load-probe').first().textContent())!.trim()).toBe(`probe ${bdf} → edu: bound`);
      expect((await page.getByTestId('load-devices').textContent())!.trim()).toBe(`bound: ${bdf}`);
      // The edu node turns bound in the device graph (when the kernel's snapshot has the PCI device).
      const eduState = () => page.evaluate((addr) => {
        const g = (window as unknown as { __kwbGraph?: { cy: { nodes(): Array<{ data(k: string): unknown }> } } }).__kwbGraph;
        const n = g?.cy.nodes().find((x) => String(x.data('path') ?? '').endsWith(`/${addr}`));
        return n ? String(n.data('state')) : null;
      }, bdf);
      if (await eduState() !== null) await expect.poll(eduState, { timeout: 10_000 }).toBe('bound');
      await page.getByTestId('tab-terminal').click();
      await page.getByTestId('terminal').click();
      await page.keyboard.type('cat /dev/edu');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /^0x010000ed$/m, 30_000);
    } else {
      // The kernel refused: finit_module's errno and its reason (e.g. an unknown symbol the kernel does not export yet), also in dmesg.
      expect(message).toMatch(/^insmod edu\.ko: E[A-Z]+ — \S.*$/);
      expect(status).toMatch(/^edu: not loaded \(E[A-Z]+\)$/);
      const reason = (await page.getByTestId('load-reason').first().textContent())!.trim();
      expect(message.endsWith(reason)).toBe(true);
      await page.getByTestId('tab-dmesg').click();
      await page.getByTestId('dmesg-line').filter({ hasText: reason }).first().waitFor();
    }
  });

  it('updates the dmesg view live, with level and text filters', async () => {
    ready();
    await page.getByTestId('tab-terminal').click();
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo "<3>kwb-e2e: hello from the terminal" > /dev/kmsg');
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-dmesg').click();
    await page.getByTestId('dmesg-line').filter({ hasText: 'kwb-e2e: hello from the terminal' }).waitFor({ timeout: 30_000 });
    await shot('5-dmesg');
    await page.getByTestId('dmesg-filter').fill('kwb-e2e');
    await expect.poll(() => page.getByTestId('dmesg-line').count()).toBe(1);
    expect(await page.getByTestId('dmesg-line').first().getAttribute('class')).toContain('lvl3');
    await page.getByTestId('dmesg-filter').fill('');
  });

  it('opens a second terminal with its own shell', async () => {
    ready();
    await page.getByTestId('tab-terminal').click();
    await page.getByTestId('new-terminal').click();
    await waitForTerminal(page, PROMPT, 60_000, 'terminal-2');
    await page.getByTestId('terminal-2').click();
    await page.keyboard.type('tty');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^\/dev\/pts\/\d+$/m, 30_000, 'terminal-2');
    await shot('6-second-terminal');
    // The first terminal is still the serial console, and still answers.
    await page.getByTestId('term-tab-1').click();
    await page.getByTestId('terminal').click();
    await page.keyboard.type('tty');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^\/dev\/console$/m, 30_000);
  });

  it('shows the boot timeline; a span shows its dmesg lines', async () => {
    ready();
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('span').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await page.getByTestId('span').filter({ hasText: 'setup_arch' }).first().click();
    await page.getByTestId('span-detail').waitFor();
    expect(await page.getByTestId('span-detail').textContent()).toContain('setup_arch');
    await shot('7-boot-timeline');
  });

  it('exports the trace as Chrome trace JSON', async () => {
    ready();
    await page.getByTestId('tab-trace').click();
    await expect.poll(() => page.getByTestId('trace-event').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await shot('8-trace');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trace-export').click()]);
    expect(download.suggestedFilename()).toBe('kernel-workbench-trace.json');
    const path = join(RESULTS, 'workbench-trace.json');
    await download.saveAs(path);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Array<{ cat: string; ph: string }> };
    expect(json.traceEvents.some((e) => e.cat === 'initcall' && e.ph === 'X')).toBe(true);
  });

  it('shows a crashing driver\'s Oops in dmesg and in Problems with its source line; the editor text is intact', async () => {
    ready();
    // Written by another editor into the workspace folder; the Files view picks it up on refresh.
    mkdirSync(join(web.workspace, 'crash'), { recursive: true });
    writeFileSync(join(web.workspace, 'crash', 'crash.c'), CRASH);
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    if (!(await page.getByTestId('files-refresh').isVisible())) await page.getByRole('button', { name: 'Files', exact: true }).click();
    await page.getByTestId('files-refresh').click();
    await page.getByTestId('file-crash/crash.c').click();
    await page.getByTestId('editor-tab-crash.c').waitFor();
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('crash_init'));
    await page.getByTestId('build-load').click();
    await expect.poll(() => page.getByTestId('build-message').textContent(), { timeout: 100_000 }).toMatch(/^(?!.*…$)/);
    const message = (await page.getByTestId('build-message').textContent())!;
    if (/^Built\. Module loading arrives with/.test(message)) return; // a kernel without a module loader: nothing can crash
    expect(message).toMatch(/BUG: kernel NULL pointer dereference.* at crash\/crash\.c:7$/);
    await page.getByTestId('tab-dmesg').click();
    await page.getByTestId('dmesg-line').filter({ hasText: 'BUG: kernel NULL pointer dereference' }).first().waitFor();
    await page.getByTestId('tab-problems').click();
    await page.getByTestId('problem').filter({ hasText: 'crash/crash.c:7:1' }).first().waitFor();
    expect(await page.getByTestId('problem').filter({ hasText: 'crash/crash.c:7:1' }).first().textContent()).toMatch(/BUG: kernel NULL pointer dereference/);
    await shot('9-oops');
    // Clicking the problem shows the line in the editor; the text is what was written, on screen and on disk.
    await page.getByTestId('problem').filter({ hasText: 'crash/crash.c:7:1' }).first().click();
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('return *ptr;'));
    expect(readFileSync(join(web.workspace, 'crash', 'crash.c'), 'utf8')).toBe(CRASH);
    expect(await page.getByTestId('machine-state').textContent()).toBe('running');
    // The status bar catches up with the kernel's taint (D: died) on its next refresh.
    await expect.poll(() => page.getByTestId('taint').textContent(), { timeout: 10_000 }).toMatch(/^tainted: .*D/);
  });

  it('shows the interrupt chart from the kernel\'s interrupt history since boot', async () => {
    ready();
    await page.getByTestId('right-irq').click();
    await page.getByTestId('interrupt-chart').waitFor();
    // Backfilled from irq.history at once: lines with counts since boot, or the note that none has interrupted yet.
    await expect.poll(() => page.getByTestId('interrupt-chart').textContent(), { timeout: 10_000 }).toMatch(/No device interrupts since boot yet|since boot:/);
    await shot('10-interrupts');
    await page.getByTestId('right-graph').click();
  });

  it('runs commands from the palette (F1) and switches to the light theme', async () => {
    ready();
    await page.keyboard.press('F1');
    await page.getByTestId('palette-input').fill('light theme');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByTestId('tab-terminal').click();
    await shot('10-light');
    await page.keyboard.press('Control+Alt+T');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('ran without console errors, page errors or CSP violations', () => {
    ready();
    expect(problems).toEqual([]);
  });
});
