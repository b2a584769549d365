// Models the column layout of ls -C (coreutils ls.c calculate_columns), shared with the shell's completion listing.

/** Vertical columns as ls -C lays them out: as many columns as fit the width, two spaces apart. */
export function columns(names: string[], width: number): string {
  if (!names.length) return '';
  const len = (s: string): number => [...s].length;
  let best = 1;
  let best_widths = [Math.max(...names.map(len))];
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (Math.ceil(names.length / rows) !== cols && cols > 1) continue;
    const widths: number[] = [];
    for (let col = 0; col < cols; col++) {
      const slice = names.slice(col * rows, (col + 1) * rows);
      widths.push(slice.length ? Math.max(...slice.map(len)) : 0);
    }
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (cols - 1);
    if (total < width || cols === 1) { best = cols; best_widths = widths; break; }
  }
  const rows = Math.ceil(names.length / best);
  let s = '';
  for (let r = 0; r < rows; r++) {
    const line: string[] = [];
    for (let col = 0; col < best; col++) {
      const i = col * rows + r;
      if (i >= names.length) break;
      const last = col === best - 1 || (col + 1) * rows + r >= names.length;
      line.push(last ? names[i] : names[i] + ' '.repeat(best_widths[col] - len(names[i]) + 2));
    }
    s += line.join('') + '\n';
  }
  return s;
}
