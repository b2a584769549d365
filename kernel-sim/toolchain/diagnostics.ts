// Parses clang/wasm-ld output into structured diagnostics for the editor, keeping clang's "file:line:col: error: ..." text.

export type Severity = 'error' | 'warning' | 'note' | 'fatal error' | 'remark';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** The -W flag clang names, e.g. "-Wunused-variable", when it names one. */
  flag?: string;
  /** The line as clang printed it. */
  text: string;
}

const CLANG_RE = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note|remark): (.*)$/;
const LD_RE = /^(?:wasm-ld|.*ld): (error|warning): (.*)$/;

/** Extracts diagnostics from clang's stderr; lines that are not diagnostics (include stacks, summaries) are skipped. */
export function parseDiagnostics(stderr: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const m = CLANG_RE.exec(line);
    if (m) {
      let message = m[5]!;
      let flag: string | undefined;
      const f = / \[(-W[^\],]+)(?:,[^\]]*)?\]$/.exec(message);
      if (f) { flag = f[1]; message = message.slice(0, f.index); }
      out.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: m[4] as Severity, message, text: line,
        ...(flag !== undefined ? { flag } : {}) });
      continue;
    }
    const l = LD_RE.exec(line);
    if (l) out.push({ file: '', line: 0, column: 0, severity: l[1] as Severity, message: l[2]!, text: line });
  }
  return out;
}

export function hasErrors(ds: Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error' || d.severity === 'fatal error');
}
