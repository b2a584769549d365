// End to end in web mode: the workbench frame loads in Chromium, its terminal reaches the guest shell, and `uname -a` answers like Linux 6.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startWebMode, terminalText, waitForTerminal, type WebMode } from './web-mode.ts';

const PROMPT = /^root@\S+:\S*# ?$/m;
const UNAME = /^Linux \S+ 6\.1\.0-\S+ #1 SMP PREEMPT_DYNAMIC .* x86_64 GNU\/Linux$/m;
const UNAME_THEN_PROMPT = /^Linux \S+ 6\.1\.0-\S+ #1 SMP PREEMPT_DYNAMIC .* x86_64 GNU\/Linux\nroot@\S+:\S*# ?$/m;
const RESULTS = join(ROOT, 'test-results');

let web: WebMode;
let browser: Browser;
let page: Page;
const problems: string[] = [];

let setupError: unknown = null;

beforeAll(async () => {
  // A failed setup fails every test below with its message (vitest would report them as skipped otherwise).
  try {
    browser = await launchChromium();
    web = await startWebMode();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    mkdirSync(RESULTS, { recursive: true });
  } catch (err) {
    setupError = err;
  }
});

function ready(): void {
  if (setupError) throw setupError;
}

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe('workbench in web mode', () => {
  it('boots the default machine and answers uname -a in the terminal', async () => {
    ready();
    // What the page asks for before its shell (renderer/src/startup.ts): the kernel's requests and the code it fetches.
    const sent: Array<{ at: number; what: string }> = [];
    const t0 = Date.now();
    page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
      try { const m = JSON.parse(String(payload)) as { method?: string }; if (m.method) sent.push({ at: Date.now() - t0, what: m.method }); } catch { /* not a request */ }
    }));
    page.on('request', (r) => sent.push({ at: Date.now() - t0, what: r.url().split('?')[0]!.split('/').pop()! }));
    await page.goto(web.url);
    await waitForTerminal(page, PROMPT);
    // The tty first: the stores' backfills (the trace from boot is ~400 kB) and the lab panel's and Welcome page's code
    // (markdown-it) wait for the prompt, unless the shell took longer than start-up waits for it (SHELL_WAIT_MS: the
    // page says which came first).
    const open = sent.find((s) => s.what === 'tty.open');
    expect(open).toBeDefined();
    if (await page.evaluate(() => document.documentElement.dataset.startup) !== 'timeout') {
      const early = sent.slice(0, sent.indexOf(open!)).map((s) => s.what);
      expect(early.filter((w) => /^(events\.subscribe|dmesg\.read|trace\.export|irq\.history|ns\.snapshot|lab\.list)$|^(LabPanel|WelcomePage|markdown|MonacoEditor|DeviceGraph)-/.test(w))).toEqual([]);
    }

    await page.getByTestId('terminal').click();
    await page.keyboard.type('uname -a');
    await page.keyboard.press('Enter');
    const screen = await waitForTerminal(page, UNAME);
    expect(screen).toMatch(UNAME);
    // The command echoed after a prompt, its answer, then a fresh prompt.
    const lines = screen.split('\n');
    const typed = lines.findIndex((l) => /^root@\S+:\S*# uname -a$/.test(l));
    const answer = lines.findIndex((l) => UNAME.test(l));
    expect(typed).toBeGreaterThanOrEqual(0);
    expect(answer).toBe(typed + 1);
    await waitForTerminal(page, UNAME_THEN_PROMPT);

    await expect.poll(() => page.getByTestId('machine-state').textContent()).toBe('running');
    await page.screenshot({ path: join(RESULTS, 'e2e-terminal.png') });
  });

  it('shows the workbench frame: activities, bottom tabs and status bar', async () => {
    ready();
    for (const name of ['Labs', 'Files', 'Devices', 'Trace']) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    }
    for (const tab of ['terminal', 'dmesg', 'problems', 'trace']) {
      expect(await page.getByTestId(`tab-${tab}`).isVisible()).toBe(true);
    }
    expect(await page.getByTestId('release').textContent()).toMatch(/^Linux 6\.1\.0-/);
    expect(await page.getByTestId('taint').textContent()).toMatch(/tainted/);
  });

  it('keeps the terminal session when another bottom tab is shown and back', async () => {
    ready();
    await page.getByTestId('tab-dmesg').click();
    await page.getByTestId('tab-terminal').click();
    expect(await terminalText(page)).toMatch(UNAME);
  });

  it('loaded without console errors, page errors or CSP violations', () => {
    ready();
    expect(problems).toEqual([]);
  });
});
