// Models util-linux's libsmartcols as lsblk and findmnt print with it: columns aligned left or right, a tree drawn in the first column, the last column unpadded, and the --list, --raw and --noheadings forms.

export interface scols_column { name: string; right?: boolean }

export interface scols_line {
  cells: string[];
  children?: scols_line[];
}

export interface scols_options { tree: boolean; raw: boolean; headings: boolean }

/** The tree's branches as libsmartcols draws them in UTF-8 (├─ └─ │). */
const BRANCH = '├─', LAST = '└─', VERT = '│ ', SPACE = '  ';

/** Raw mode escapes blanks and unsafe characters as \x20, as scols does. */
function raw_escape(s: string): string {
  return s.replace(/[\s\\"]|[^\x20-\x7e\u00a0-\uffff]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Flattens the tree into rows, drawing each row's branch into its first cell (top-level rows have none). */
function flatten(lines: scols_line[], tree: boolean, indent = '', top = true, out: string[][] = []): string[][] {
  lines.forEach((l, i) => {
    const last = i === lines.length - 1;
    const mark = tree && !top ? indent + (last ? LAST : BRANCH) : '';
    out.push([mark + l.cells[0]!, ...l.cells.slice(1)]);
    if (l.children?.length) flatten(l.children, tree, top ? '' : indent + (last ? SPACE : VERT), false, out);
  });
  return out;
}

/** Prints a table: columns one space apart, each as wide as its widest cell or heading. */
export function scols_print(cols: scols_column[], lines: scols_line[], o: scols_options): string {
  // A cell of several lines (lsblk's MOUNTPOINTS) continues on rows of its own, the other cells left empty.
  const rows = flatten(lines, o.tree && !o.raw).flatMap((r) => {
    const split = r.map((cell) => cell.split('\n'));
    const n = Math.max(...split.map((l) => l.length));
    return Array.from({ length: n }, (_, k) => split.map((l) => l[k] ?? ''));
  });
  if (o.raw) {
    const out = rows.map((r) => r.map(raw_escape).join(' '));
    if (o.headings) out.unshift(cols.map((c) => c.name).join(' '));
    return out.map((l) => l + '\n').join('');
  }
  const all = o.headings ? [cols.map((c) => c.name), ...rows] : rows;
  const len = (s: string): number => [...s].length;
  const widths = cols.map((_, k) => Math.max(...all.map((r) => len(r[k] ?? ''))));
  return all.map((r) => r.map((cell, k) => {
    if (k === cols.length - 1 && !cols[k]!.right) return cell;
    const pad = ' '.repeat(widths[k]! - len(cell));
    return cols[k]!.right ? pad + cell : cell + pad;
  }).join(' ') + '\n').join('');
}
