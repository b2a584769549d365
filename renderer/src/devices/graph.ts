// The device graphs' drawing decisions, kept apart from Cytoscape so they can be tested: node boxes sized to their labels, the default viewport (labels readable, graph filling the pane), which nodes changed between two snapshots, and search.
import type { GraphElement } from './model.ts';

/** Label font size in graph units; at the default zoom floor a label is at least READABLE_PX on screen. */
export const LABEL_FONT = 12;
export const READABLE_PX = 11;
/** The default view never zooms out below this: labels stay READABLE_PX and the user pans (or zooms out) for the rest. */
export const DEFAULT_ZOOM_FLOOR = READABLE_PX / LABEL_FONT;
/** Width of one character of the (monospace) label font, in graph units. */
const CHAR_W = LABEL_FONT * 0.62;
const LINE_H = LABEL_FONT * 1.3;
const PAD_X = 10, PAD_Y = 6;

/** A node's box: wide and tall enough for its label lines (monospace, so the width is exact). */
export function labelBox(label: string): { w: number; h: number } {
  const lines = label.split('\n');
  const longest = Math.max(1, ...lines.map((l) => l.length));
  return { w: Math.ceil(longest * CHAR_W + 2 * PAD_X), h: Math.ceil(lines.length * LINE_H + 2 * PAD_Y) };
}

/** The elements with each node's box size in data (w, h) for the stylesheet and the layout. */
export function sized(els: GraphElement[]): GraphElement[] {
  return els.map((e) => (e.group === 'nodes' ? { ...e, data: { ...e.data, ...labelBox(String(e.data.label ?? '')) } } : e));
}

export interface Box { x1: number; y1: number; w: number; h: number }
export interface Viewport { zoom: number; pan: { x: number; y: number } }

/** A node as the default view sees it: its centre and, when known, its box (graph units). */
export interface NodeBox { x: number; y: number; w?: number; h?: number }

/** The layout's columns (it runs left to right): the nodes' x-extents merged where they overlap, left to right. */
export function columns(nodes: ReadonlyArray<NodeBox>): Array<{ x1: number; x2: number }> {
  const spans = nodes.filter((n) => n.w !== undefined).map((n) => ({ x1: n.x - n.w! / 2, x2: n.x + n.w! / 2 })).sort((a, b) => a.x1 - b.x1);
  const out: Array<{ x1: number; x2: number }> = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.x1 <= last.x2) last.x2 = Math.max(last.x2, s.x2); else out.push({ ...s });
  }
  return out;
}

/**
 * The first view of a graph: the whole graph centred when it fits at a readable zoom (up to 1.5×). Otherwise whole
 * columns: the run of adjacent columns that fits the pane's width at the readable zoom floor and shows the most
 * nodes, zoomed to fill the width, so no node is cut at the left or right edge (at the floor, the column after the
 * last whole one was cut mid-label at the pane's edge); vertically the stretch that shows the most nodes.
 * Without node boxes, the floor zoom from the graph's left edge. `fromStart`: the first run of whole columns, from the
 * top, instead of the busiest (the driver model's boxes come in the kernel's order: its roots, platform, ACPI and PCI
 * first; its busiest stretch was the column of empty classes).
 */
export function initialViewport(bb: Box, pane: { w: number; h: number }, pad = 16, nodes: ReadonlyArray<NodeBox> = [], fromStart = false): Viewport {
  const availW = pane.w - 2 * pad, availH = pane.h - 2 * pad;
  const fit = Math.min(availW / Math.max(1, bb.w), availH / Math.max(1, bb.h), 1.5);
  if (fit >= DEFAULT_ZOOM_FLOOR) {
    return { zoom: fit, pan: { x: (pane.w - bb.w * fit) / 2 - bb.x1 * fit, y: (pane.h - bb.h * fit) / 2 - bb.y1 * fit } };
  }
  const cols = columns(nodes);
  let best: { x1: number; x2: number; zoom: number; shown: number } | null = null;
  for (let i = 0; i < cols.length; i++) {
    let j = i;
    while (j + 1 < cols.length && cols[j + 1]!.x2 - cols[i]!.x1 <= availW / DEFAULT_ZOOM_FLOOR) j++;
    const x1 = cols[i]!.x1, x2 = cols[j]!.x2;
    // One column wider than the pane at the floor: no run of whole columns starts here.
    if (x2 - x1 > availW / DEFAULT_ZOOM_FLOOR) continue;
    const zoom = Math.min(1.5, availW / Math.max(1, x2 - x1));
    const inRun = nodes.filter((n) => n.x >= x1 && n.x <= x2);
    const shown = shownRows(inRun, availH / zoom);
    if (!best || shown > best.shown) best = { x1, x2, zoom, shown };
    if (j === cols.length - 1 || fromStart) break;
  }
  const zoom = best?.zoom ?? DEFAULT_ZOOM_FLOOR;
  const x = best ? pad + (availW - (best.x2 - best.x1) * zoom) / 2 - best.x1 * zoom : pad - bb.x1 * zoom;
  const visible = best ? nodes.filter((n) => n.x >= best.x1 && n.x <= best.x2) : nodes.filter((n) => n.x <= bb.x1 + availW / zoom);
  // Vertically centred when the graph's height fits; else the stretch of the shown columns that shows the most
  // nodes: a tall tree's roots sit at their subtrees' middles, so its top-left corner is mostly empty.
  // The pane's own top edge (the padding above the window) clear of node boxes too.
  const y = bb.h * zoom <= availH ? (pane.h - bb.h * zoom) / 2 - bb.y1 * zoom
    : fromStart ? (pad - bb.y1 * zoom) : -clearAbove(busiestTop(bb, visible, Infinity, availH / zoom) - pad / zoom, visible) * zoom;
  return { zoom, pan: { x, y } };
}

/** How many of `nodes` the busiest `h`-high window holds. */
function shownRows(nodes: ReadonlyArray<NodeBox>, h: number): number {
  const ys = nodes.map((n) => n.y).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < ys.length; i++) {
    while (j < ys.length && ys[j]! - ys[i]! <= h - LINE_H) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

/**
 * The top (graph units) of the `h`-high window over the graph's left `w` units that holds the most nodes (the highest
 * such window; bb.y1 when none), a little above its first node's box, so that node is not cut at the top edge.
 */
export function busiestTop(bb: Box, nodes: ReadonlyArray<NodeBox>, w: number, h: number): number {
  const within = nodes.filter((n) => n.x <= bb.x1 + w).sort((a, b) => a.y - b.y);
  const ys = within.map((n) => n.y);
  let best = 0, top = bb.y1;
  // Two pointers: for each node as the window's top row, count the nodes within h below it.
  for (let i = 0, j = 0; i < ys.length; i++) {
    while (j < ys.length && ys[j]! - ys[i]! <= h - LINE_H) j++;
    if (j - i > best) { best = j - i; top = ys[i]! - Math.max(LINE_H, (within[i]!.h ?? 0) / 2 + 2); }
  }
  // Not past the graph's bottom; then, if a node (of another column, or after that clamp) straddles the line, move up
  // above it (and above any its move brings in).
  return Math.max(bb.y1, clearAbove(Math.min(top, bb.y1 + bb.h - h), within));
}

/** `edge` moved up until no node box straddles it (moving above one node may bring another's box onto it). */
export function clearAbove(edge: number, nodes: ReadonlyArray<NodeBox>): number {
  for (let moved = true; moved;) {
    moved = false;
    for (const n of nodes) if (n.h !== undefined && n.y - n.h / 2 < edge && n.y + n.h / 2 > edge) { edge = n.y - n.h / 2 - 2; moved = true; }
  }
  return edge;
}

/** Zoom factor for one wheel event: 1.2× per notch (100 px of deltaY; a line counts 33 px), at most 2× per event. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
  const notches = Math.max(-3.8, Math.min(3.8, px / 100));
  return Math.pow(1.2, -notches);
}

/** Node ids that are new, or whose binding state or label changed, between the previous drawing and the next one. */
export function changedNodes(prev: ReadonlyMap<string, string>, next: GraphElement[]): Set<string> {
  const out = new Set<string>();
  if (!prev.size) return out;
  for (const e of next) {
    if (e.group !== 'nodes') continue;
    const id = String(e.data.id);
    if (prev.get(id) !== nodeKey(e.data)) out.add(id);
  }
  return out;
}

/** What changedNodes compares: a node's state and label. */
export const nodeKey = (data: Record<string, unknown>): string => `${String(data.state ?? '')}|${String(data.label ?? '')}`;

/** The nodes a search names: an exact name first, then names containing the text (case-insensitive). */
export function searchNodes(els: GraphElement[], text: string): string[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const nodes = els.filter((e) => e.group === 'nodes');
  const name = (e: GraphElement) => String(e.data.label ?? '').split('\n')[0]!.toLowerCase();
  const exact = nodes.filter((e) => name(e) === q);
  const partial = nodes.filter((e) => name(e) !== q && String(e.data.label ?? '').toLowerCase().includes(q));
  return [...exact, ...partial].map((e) => String(e.data.id));
}

/** `a` mixed into `b` by `t` (0..1), for #rgb/#rrggbb colours (Cytoscape parses no CSS color-mix); anything else gives `a`. */
export function mixColors(a: string, b: string, t: number): string {
  const rgb = (c: string) => {
    const h = c.trim().replace(/^#/, '');
    const full = h.length === 3 ? h.split('').map((x) => x + x).join('') : h.slice(0, 6);
    return /^[0-9a-f]{6}$/i.test(full) ? [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) : null;
  };
  const x = rgb(a), y = rgb(b);
  if (!x || !y) return a;
  return `#${x.map((v, i) => Math.round(v * t + y[i]! * (1 - t)).toString(16).padStart(2, '0')).join('')}`;
}

/** Above this many nodes the graph is laid out by treeLayout (linear) instead of dagre (whose crossing minimisation takes seconds at 1,000 nodes). */
export const DAGRE_MAX_NODES = 300;

/**
 * A layered tree, roots on the left as dagre draws small graphs: depth sets the column (as wide as its widest box),
 * leaves take one row each, a parent sits at its children's middle; drivers and classes (linked across the tree)
 * form a last column (or, `sideFirst`, a first one). Linear in the number of nodes.
 */
export function treeLayout(els: GraphElement[], sideFirst = false): Map<string, { x: number; y: number }> {
  const GAP_Y = 6, GAP_X = 48;
  const nodes = els.filter((e) => e.group === 'nodes');
  const box = new Map(nodes.map((n) => [String(n.data.id), { w: Number(n.data.w ?? 40), h: Number(n.data.h ?? 20) }]));
  const side = new Set(nodes.filter((n) => n.data.kind === 'driver' || n.data.kind === 'class').map((n) => String(n.data.id)));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const e of els) {
    if (e.group !== 'edges') continue;
    const src = String(e.data.source), dst = String(e.data.target);
    if (side.has(src) || hasParent.has(dst)) continue;
    hasParent.add(dst);
    (children.get(src) ?? children.set(src, []).get(src)!).push(dst);
  }
  const depth = new Map<string, number>();
  const colWidth: number[] = [];
  const ys = new Map<string, number>();
  let y = 0;
  const place = (id: string, d: number): number => {
    depth.set(id, d);
    colWidth[d] = Math.max(colWidth[d] ?? 0, box.get(id)!.w);
    const kids = children.get(id) ?? [];
    let at: number;
    if (!kids.length) { at = y + box.get(id)!.h / 2; y += box.get(id)!.h + GAP_Y; } else { const k = kids.map((c) => place(c, d + 1)); at = (k[0]! + k[k.length - 1]!) / 2; }
    ys.set(id, at);
    return at;
  };
  for (const n of nodes) { const id = String(n.data.id); if (!hasParent.has(id) && !side.has(id)) place(id, 0); }
  const colX: number[] = [];
  colWidth.forEach((w, i) => { colX[i] = i === 0 ? w / 2 : colX[i - 1]! + colWidth[i - 1]! / 2 + GAP_X + w / 2; });
  const pos = new Map<string, { x: number; y: number }>();
  for (const [id, d] of depth) pos.set(id, { x: colX[d]!, y: ys.get(id)! });
  const sideIds = [...side];
  const sideW = Math.max(0, ...sideIds.map((id) => box.get(id)!.w));
  // Spread over the tree's height, but never closer than their own boxes (more drivers than rows stacked them).
  const rowH = Math.max(0, ...sideIds.map((id) => box.get(id)!.h)) + GAP_Y;
  const step = sideIds.length > 1 ? Math.max(rowH, Math.max(0, y - GAP_Y) / (sideIds.length - 1)) : 0;
  const sideY = (i: number) => (sideIds.length > 1 ? i * step : Math.max(0, y - GAP_Y) / 2);
  if (sideFirst) {
    // Drivers left of the devices they bind, as a layered drawing of driver -> device edges puts them.
    const shift = sideIds.length ? sideW + GAP_X * 2 : 0;
    for (const p of pos.values()) p.x += shift;
    sideIds.forEach((id, i) => pos.set(id, { x: sideW / 2, y: sideY(i) }));
  } else {
    const lastX = colX.length ? colX[colX.length - 1]! + colWidth[colWidth.length - 1]! / 2 + GAP_X * 2 + sideW / 2 : sideW / 2;
    sideIds.forEach((id, i) => pos.set(id, { x: lastX, y: sideY(i) }));
  }
  return pos;
}

/** Room inside a group's box around its nodes, the title strip above the box, and the gap between boxes (graph units). */
export const GROUP_PAD = 10;
export const GROUP_TITLE = Math.ceil(LINE_H + 6);
const GROUP_GAP = 28;

/** A laid-out grouped graph: node positions (the boxes' own nodes at their boxes' centres), each group's box (its padding included, its title strip above it), and the whole drawing's bounds. */
export interface GroupedLayout { pos: Map<string, { x: number; y: number }>; groups: Map<string, Box>; bounds: Box }

/**
 * The driver-model graph in boxes (data.box names a node's box, a node of its own drawn around its members): each box laid out on its own as a
 * layered tree (treeLayout: its drivers left, its devices by depth inside the box), the boxes then packed in columns
 * in the order of their first device (the kernel's registration order, so the platform and PCI boxes come before the
 * virtio, block and tty boxes their devices parent), the columns about `aspect` times as wide as tall overall. Devices
 * in no box (the /sys/devices roots: platform, pci0000:00) form the first group, unboxed; buses and classes with
 * nothing in them the last. Links between boxes (a PCI function parenting a virtio device) are drawn straight across.
 * Linear in the number of nodes.
 */
export function groupedLayout(els: GraphElement[], border = 0, aspect = 1.6): GroupedLayout {
  const nodes = els.filter((e) => e.group === 'nodes');
  const boxIds = new Set(nodes.map((n) => n.data.box).filter((p): p is string => typeof p === 'string'));
  const EMPTY = '\u0000empty';
  const groupOf = (n: GraphElement) => (typeof n.data.box === 'string' && boxIds.has(n.data.box) ? n.data.box : n.data.kind === 'bus' || n.data.kind === 'class' ? EMPTY : '');
  const members = new Map<string, GraphElement[]>();
  const order: string[] = [];
  // Boxes in the order of their first device; boxes holding only drivers after those; the unboxed group first.
  const rank = (n: GraphElement) => (n.data.kind === 'device' ? 0 : 1);
  for (const n of [...nodes].sort((a, b) => rank(a) - rank(b))) {
    const id = String(n.data.id);
    if (boxIds.has(id)) continue;
    const g = groupOf(n);
    if (!members.has(g)) { members.set(g, []); order.push(g); }
    members.get(g)!.push(n);
  }
  const at = (g: string) => (g === '' ? -1 : g === EMPTY ? 1 : 0);
  order.sort((a, b) => at(a) - at(b));
  const where = new Map<string, string>();
  for (const [g, ns] of members) for (const n of ns) where.set(String(n.data.id), g);
  const inner = new Map<string, GraphElement[]>();
  for (const e of els) {
    if (e.group !== 'edges') continue;
    const g = where.get(String(e.data.source));
    if (g !== undefined && g === where.get(String(e.data.target))) (inner.get(g) ?? inner.set(g, []).get(g)!).push(e);
  }
  // Each group on its own, moved to its own origin.
  const laid = order.map((g) => {
    const ns = members.get(g)!;
    const pos = treeLayout([...ns, ...(inner.get(g) ?? [])], true);
    const bb = boxesBounds(ns, pos, border);
    const boxed = boxIds.has(g), pad = boxed ? GROUP_PAD : 0, title = boxed ? GROUP_TITLE : 0;
    return { g, pos, bb, w: bb.w + 2 * pad, h: bb.h + 2 * pad + title, pad, title };
  });
  const area = laid.reduce((a, l) => a + (l.w + GROUP_GAP) * (l.h + GROUP_GAP), 0);
  const colH = Math.max(Math.sqrt(area / aspect), ...laid.map((l) => l.h));
  const pos = new Map<string, { x: number; y: number }>();
  const groups = new Map<string, Box>();
  let x = 0, y = 0, colW = 0, right = 0, bottom = 0;
  for (const l of laid) {
    if (y > 0 && y + l.h > colH) { x += colW + GROUP_GAP; y = 0; colW = 0; }
    const ox = x + l.pad - l.bb.x1, oy = y + l.title + l.pad - l.bb.y1;
    for (const [id, p] of l.pos) pos.set(id, { x: p.x + ox, y: p.y + oy });
    if (l.title) {
      groups.set(l.g, { x1: x, y1: y + l.title, w: l.w, h: l.h - l.title });
      pos.set(l.g, { x: x + l.w / 2, y: y + l.title + (l.h - l.title) / 2 });
    }
    colW = Math.max(colW, l.w);
    right = Math.max(right, x + l.w);
    bottom = Math.max(bottom, y + l.h);
    y += l.h + GROUP_GAP;
  }
  return { pos, groups, bounds: { x1: 0, y1: 0, w: right, h: bottom } };
}

/**
 * The bounding box of the nodes' boxes (data w, h) at the given positions, widened by half the border (drawn
 * centred on the edge) and by 1 for antialiasing, as Cytoscape widens it: what cy.elements().boundingBox() returns
 * for a laid-out tree (edges run between the boxes), without making Cytoscape style every element first (which its
 * next frame does again).
 */
export function boxesBounds(els: GraphElement[], pos: ReadonlyMap<string, { x: number; y: number }>, border = 0): Box {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const e of els) {
    const p = e.group === 'nodes' ? pos.get(String(e.data.id)) : undefined;
    if (!p) continue;
    const hw = Number(e.data.w ?? 0) / 2 + border / 2 + 1, hh = Number(e.data.h ?? 0) / 2 + border / 2 + 1;
    x1 = Math.min(x1, p.x - hw); y1 = Math.min(y1, p.y - hh); x2 = Math.max(x2, p.x + hw); y2 = Math.max(y2, p.y + hh);
  }
  return x1 === Infinity ? { x1: 0, y1: 0, w: 0, h: 0 } : { x1, y1, w: x2 - x1, h: y2 - y1 };
}
