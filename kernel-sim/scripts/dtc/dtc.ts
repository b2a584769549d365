// Models dtc's main (dtc.c): parse a DTS, run the checks, report diagnostics as file:line:column.
import { dtc_check } from './checks.ts';
import { type IncludeResolver, dtc_parse } from './dtc-parser.ts';
import { type DeviceTree, type Diagnostic, format_diagnostic } from './livetree.ts';

export interface DtcResult {
  tree: DeviceTree;
  diagnostics: Diagnostic[];
  /** True when there is at least one error: such a tree boots nothing. */
  failed: boolean;
  /** Diagnostics as `file:line:column: error: message` lines, sorted by position. */
  messages: string[];
}

function by_position(a: Diagnostic, b: Diagnostic): number {
  return a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line || a.pos.column - b.pos.column;
}

/** Parses and checks DTS source. Structural checks run only when the syntax is clean. */
export function dtc_compile(source: string, file = 'machine.dts', include?: IncludeResolver): DtcResult {
  const parsed = dtc_parse(source, file, include);
  const diagnostics = [...parsed.diagnostics];
  if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push(...dtc_check(parsed.tree));
  diagnostics.sort(by_position);
  return { tree: parsed.tree, diagnostics, failed: diagnostics.some((d) => d.severity === 'error'), messages: diagnostics.map(format_diagnostic) };
}

export { format_diagnostic };
export type { Diagnostic, DeviceTree };
