// Finds the process ids in `ps` output on the terminal, so a click on one shows that process's namespaces and cgroup (the Namespaces view). Works on what the screen holds: a table under a header with a PID column, above the next prompt.

/** How far above a row the header may be (a long ps listing). */
const MAX_TABLE_ROWS = 400;
/** A shell prompt ends the table above it: rows above a prompt belong to another command. */
const PROMPT = /^\S+@\S+:\S*[#$] /;
/** ps's header: a PID column and a command column (BusyBox ps, ps -ef, ps aux, ps -o pid,comm ...). */
const HEADER = /(^|\s)PID(\s|$)/;
const COMMAND = /(^|\s)(CMD|COMMAND|COMM)(\s|$)/;

export interface PidLink { pid: number; start: number; end: number }

/**
 * The pid on `lines[row]` when that line is a row of a ps table: the digits under the header's PID column (ps right-aligns
 * the column, so they end where "PID" ends, or overlap it when wider). `start`/`end` are 0-based columns, end exclusive.
 */
export function psPidAt(lines: readonly string[], row: number): PidLink | null {
  const text = lines[row];
  if (text === undefined || PROMPT.test(text) || HEADER.test(text)) return null;
  for (let r = row - 1; r >= 0 && r >= row - MAX_TABLE_ROWS; r--) {
    const line = lines[r]!;
    if (PROMPT.test(line) && !HEADER.test(line)) return null;
    const m = HEADER.exec(line);
    if (!m || !COMMAND.test(line)) continue;
    const pidStart = m.index + m[1]!.length;
    const pidEnd = pidStart + 3;
    for (const d of text.matchAll(/\d+/g)) {
      const start = d.index, end = start + d[0].length;
      if (end === pidEnd || (start < pidEnd && end > pidStart)) return { pid: Number(d[0]), start, end };
    }
    return null;
  }
  return null;
}
