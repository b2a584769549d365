// End to end in web mode: the Namespaces view — processes grouped by namespace with their owning user namespace, the cgroup tree with live usage, a cgroup's chart; built from commands typed in the terminal. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startWebMode, waitForTerminal, type WebMode } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const PROMPT = /^root@\S+:\S*# ?$/m;

let web: WebMode;
let browser: Browser;
let page: Page;
let setupError: unknown = null;
const problems: string[] = [];

beforeAll(async () => {
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

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

function ready(): void { if (setupError) throw setupError; }
const shot = (name: string) => page.screenshot({ path: join(RESULTS, `namespaces-${name}.png`) });

describe('the Namespaces view', () => {
  it('shows processes by namespace, the cgroup tree with usage and a cgroup\'s chart', async () => {
    ready();
    await page.goto(web.url);
    await waitForTerminal(page, PROMPT);
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo "+pids +memory +cpu" > /sys/fs/cgroup/cgroup.subtree_control; mkdir /sys/fs/cgroup/demo; echo 20 > /sys/fs/cgroup/demo/pids.max; unshare -u sleep 1000 & echo $! > /sys/fs/cgroup/demo/cgroup.procs; echo done-$((40+2))');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^done-42$/m);
    await page.getByTestId('right-namespaces').click();
    const view = page.getByTestId('namespaces-view');
    await view.waitFor();
    await expect.poll(() => page.getByTestId('cgroup-tree').textContent(), { timeout: 15_000 }).toMatch(/demo\s*1\/20/);
    await page.getByTestId('ns-kind').selectOption('uts');
    await expect.poll(() => page.getByTestId('ns-count').textContent(), { timeout: 10_000 }).toMatch(/^2 uts namespaces, \d+ processes$/);
    await page.locator('[data-testid="cgroup-tree"] tr[data-path="/demo"]').click();
    await expect.poll(() => page.getByTestId('cgroup-chart').textContent()).toContain('/demo over time');
    await page.waitForTimeout(1500);
    await shot('1-uts');
    await page.getByTestId('ns-kind').selectOption('user');
    await expect.poll(() => page.getByTestId('ns-count').textContent()).toMatch(/^1 user namespaces/);
    await shot('2-user');
  });

  it('shows the namespaces and cgroup of a process whose pid is clicked in ps output', async () => {
    ready();
    await page.getByTestId('terminal').click();
    await page.keyboard.type('clear; ps');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^\s*\d+ \S+\s+[\d:]+ sleep$/m);
    // Where the sleeper's pid is drawn: the characters under ps's PID column in its row.
    const target = await page.evaluate(() => {
      const row = Array.from(document.querySelectorAll('[data-testid="terminal"] .xterm-rows > div')).find((r) => /\ssleep\s*$/.test(r.textContent ?? ''));
      if (!row) return null;
      const m = /^\s*(\d+)/.exec(row.textContent ?? '');
      if (!m) return null;
      const start = m[0].length - m[1]!.length;
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent!.length;
        if (seen + len > start) {
          const range = document.createRange();
          range.setStart(n, start - seen);
          range.setEnd(n, Math.min(len, start - seen + m[1]!.length));
          const r = range.getBoundingClientRect();
          return { pid: Number(m[1]), x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
        seen += len;
      }
      return null;
    });
    expect(target, 'the sleeper\'s row in ps output').not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    await page.waitForTimeout(300);
    await page.mouse.click(target!.x, target!.y);
    const proc = page.getByTestId('ns-process');
    await expect.poll(() => proc.textContent(), { timeout: 10_000 }).toContain(`${target!.pid} sleep`);
    expect(await proc.textContent()).toContain('in cgroup /demo');
    await shot('2b-ps-click');
  });

  it('shows each network namespace with its interfaces and a veth pair across two of them', async () => {
    ready();
    await page.getByTestId('terminal').click();
    await page.keyboard.type('ip link set lo up; ip netns add red; ip link add veth0 type veth peer name veth1; ip link set veth1 netns red; ip addr add 10.0.0.1/24 dev veth0; ip link set veth0 up; echo net-$((40+2))');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^net-42$/m);
    await page.getByTestId('ns-kind').selectOption('net');
    const table = page.getByTestId('ns-netdevs');
    await expect.poll(() => table.textContent(), { timeout: 10_000 }).toMatch(/veth0\s*NO-CARRIER\s*10\.0\.0\.1\/24\s*veth1 in \[\d+\]/);
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.filter((r) => /: lo/.test(r))).toHaveLength(2);
    expect(rows.find((r) => /: lo/.test(r))).toMatch(/UP\s*127\.0\.0\.1\/8/);
    // Readable at first sight: the graph does not shrink the namespaces to specks to fit them all.
    const zoom = await page.evaluate(() => (document.querySelector('[data-testid="ns-graph"]') as unknown as { _cyreg: { cy: { zoom(): number } } })._cyreg.cy.zoom());
    expect(zoom).toBeGreaterThanOrEqual(0.75);
    await page.waitForTimeout(500);
    await shot('3-net');
  });

  it('ran without console errors or page errors', () => {
    ready();
    expect(problems).toEqual([]);
  });
});
