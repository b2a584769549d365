// e2e: the device graph at 1280x800 — the driver model in a box per bus or class, the zoom and export controls and the legend beside the drawing (never over it), search focusing a device by name, a device added by the guest highlighted for a few seconds, and the graph opened large in an editor tab; screenshots in test-results/.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, useWorkbench, waitForTerminal } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const EDU = '/0000:00:02.0';
const { page, problems } = useWorkbench({ width: 1280, height: 800 }, { timeout: 150_000 });

interface Node { id(): string; data(k: string): unknown; renderedStyle(k: string): string; hasClass(c: string): boolean; selected(): boolean; position(): { x: number; y: number } }
interface GraphHandle { cy: { nodes(sel?: string): Node[] & { length: number }; extent(): { x1: number; y1: number; x2: number; y2: number }; zoom(): number } }

/** The default view as drawn: the labels' size on screen, the nodes in view, and the labels cut at the drawing's left or right edge. */
const firstView = () => page.evaluate(() => {
  const g = (window as unknown as { __kwbGraph: GraphHandle }).__kwbGraph;
  const e = g.cy.extent();
  // A bus's or class's box (the driver model's groups) may run past the pane; its devices and title may not be cut.
  const nodes = [...g.cy.nodes()];
  const inBox = nodes.filter((n) => !n.hasClass('box'));
  const box = (n: Node) => { const p = n.position(), w = Number(n.data('w')) / 2; return { x1: p.x - w, x2: p.x + w, y: p.y }; };
  const inRows = inBox.filter((n) => { const y = n.position().y; return y >= e.y1 && y <= e.y2; });
  return {
    labelPx: Math.min(...nodes.map((n) => Number.parseFloat(n.renderedStyle('font-size')))),
    shown: inRows.filter((n) => { const b = box(n); return b.x1 >= e.x1 && b.x2 <= e.x2; }).length,
    boxes: nodes.filter((n) => n.hasClass('box')).length,
    cut: inRows.filter((n) => { const b = box(n); return (b.x1 < e.x1 && b.x2 > e.x1) || (b.x1 < e.x2 && b.x2 > e.x2); }).map((n) => String(n.data('label'))),
  };
});

/** What the graph shows: its node count, the selected node, whether edu is in view, and the highlighted nodes. */
const graph = () => page.evaluate((edu) => {
  const g = (window as unknown as { __kwbGraph: GraphHandle }).__kwbGraph;
  const nodes = [...g.cy.nodes()];
  const e = g.cy.extent();
  const eduNode = nodes.find((n) => String(n.data('path') ?? '').endsWith(edu));
  return {
    count: nodes.length,
    selected: nodes.filter((n) => n.selected()).map((n) => n.id()),
    eduInView: !!eduNode && (() => { const p = eduNode.position(); return p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2; })(),
    changed: nodes.filter((n) => n.hasClass('changed')).map((n) => String(n.data('label'))),
  };
}, EDU);

describe('device graph', () => {
  it('opens on whole columns at a readable zoom: no label cut at the pane\'s edges, at 1280x800 and 1600x1000', async () => {
    await page.getByTestId('right-graph').click();
    await expect.poll(async () => (await graph()).count, { timeout: 60_000 }).toBeGreaterThan(50);
    for (const size of [{ width: 1280, height: 800 }, { width: 1600, height: 1000 }]) {
      await page.setViewportSize(size);
      // The pane's resize places the default view again (the user has not moved it).
      await expect.poll(async () => (await firstView()).cut, { timeout: 10_000 }).toEqual([]);
      const v = await firstView();
      expect(v.labelPx).toBeGreaterThanOrEqual(11);
      expect(v.shown).toBeGreaterThanOrEqual(12);
      expect(v.boxes).toBeGreaterThanOrEqual(5);
      await page.screenshot({ path: join(RESULTS, `graph-0-first-view-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('keeps its zoom and export controls and its legend off the drawing', async () => {
    await page.getByTestId('right-graph').click();
    await expect.poll(async () => (await graph()).count, { timeout: 60_000 }).toBeGreaterThan(50);
    const stage = (await page.getByTestId('device-graph').boundingBox())!;
    for (const id of ['graph-zoom-in', 'graph-fit', 'graph-export-png', 'graph-export-json', 'graph-open-large', 'graph-legend']) {
      const b = (await page.getByTestId(id).boundingBox())!;
      const overlaps = b.x < stage.x + stage.width && b.x + b.width > stage.x && b.y < stage.y + stage.height && b.y + b.height > stage.y;
      expect(overlaps, `${id} lies over the drawing`).toBe(false);
    }
    await page.screenshot({ path: join(RESULTS, 'graph-1-controls.png') });
  });

  it('finds a device by name: the node is selected and brought into view', async () => {
    await page.getByTestId('graph-search').fill('0000:00:02.0');
    await page.getByTestId('graph-search').press('Enter');
    await expect.poll(async () => (await graph()).selected.some((id) => id.endsWith(EDU))).toBe(true);
    await expect.poll(async () => (await graph()).eduInView).toBe(true);
  });

  it('highlights a device the guest adds for a few seconds', async () => {
    await page.getByTestId('terminal').click();
    await page.keyboard.type('modprobe null_blk && echo loaded-$((40+2))');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^loaded-42$/m, 60_000);
    await expect.poll(async () => (await graph()).changed.some((l) => l.startsWith('nullb0')), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'graph-2-highlight.png') });
    // The highlight fades after its few seconds.
    await expect.poll(async () => (await graph()).changed, { timeout: 15_000 }).toEqual([]);
  });

  it('opens the graph large in an editor tab', async () => {
    await page.getByTestId('graph-open-large').click();
    await page.getByTestId('editor-tab-graph-page').waitFor();
    const large = page.locator('.graph.large [data-testid="device-graph"]');
    await large.waitFor();
    const box = (await large.boundingBox())!;
    expect(box.width).toBeGreaterThan(500);
    await page.screenshot({ path: join(RESULTS, 'graph-3-large.png') });
    expect(problems).toEqual([]);
  });
});
