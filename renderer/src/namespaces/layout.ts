// Where the Namespaces view draws things: each namespace a box of its members in rows, boxes in a grid, the user namespaces that own them in a row above. A fixed layout: force-directed ones (cose) pushed a lone owner node thousands of pixels away and overlapped the boxes.

export interface Member { id: string; width: number; height: number }
export interface Box { id: string; members: Member[] }
export interface Point { x: number; y: number }

/** Space around and between things, px in model coordinates. */
const GAP = 18;
const BOX_GAP = 70;
const MEMBERS_PER_ROW = 3;

/** The size a box's members take, laid out in rows of MEMBERS_PER_ROW. */
function memberGrid(members: Member[]): { cellW: number; cellH: number; cols: number; rows: number } {
  const cellW = Math.max(0, ...members.map((m) => m.width)) + GAP;
  const cellH = Math.max(0, ...members.map((m) => m.height)) + GAP;
  const cols = Math.max(1, Math.min(MEMBERS_PER_ROW, members.length));
  return { cellW, cellH, cols, rows: Math.ceil(members.length / cols) };
}

/** Positions of every member (box centres follow from them) and of the loose nodes above the boxes; `perRow` boxes side by side (a square-ish grid by default, one column for a narrow pane). */
export function namespaceLayout(boxes: Box[], loose: string[], perRow = Math.ceil(Math.sqrt(boxes.length))): Map<string, Point> {
  const pos = new Map<string, Point>();
  perRow = Math.max(1, perRow);
  let x = 0;
  let y = 0;
  let rowH = 0;
  boxes.forEach((box, i) => {
    if (i > 0 && i % perRow === 0) { x = 0; y += rowH + BOX_GAP; rowH = 0; }
    if (box.members.length === 0) { pos.set(box.id, { x: x + GAP, y: y + GAP }); x += 2 * GAP + BOX_GAP; rowH = Math.max(rowH, 2 * GAP); return; }
    const g = memberGrid(box.members);
    box.members.forEach((m, j) => {
      pos.set(m.id, { x: x + (j % g.cols) * g.cellW + g.cellW / 2, y: y + Math.floor(j / g.cols) * g.cellH + g.cellH / 2 });
    });
    x += g.cols * g.cellW + BOX_GAP;
    rowH = Math.max(rowH, g.rows * g.cellH);
  });
  const width = Math.max(x - BOX_GAP, 0);
  loose.forEach((id, i) => pos.set(id, { x: ((i + 1) * width) / (loose.length + 1), y: -BOX_GAP - GAP }));
  return pos;
}
