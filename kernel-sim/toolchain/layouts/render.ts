// Renders layout specs as C struct definitions inside header marker blocks, and as a TypeScript offsets module.
import { type MemberSpec, type FieldSpec, type StructSpec, isUnion, layoutKey } from './spec.ts';
import type { StructLayout } from './compute.ts';

function declarator(f: FieldSpec): string {
  const arr = f.count !== undefined ? `[${f.count}]` : f.bits !== undefined ? `:${f.bits}` : '';
  if (f.type.includes('%s')) return `${f.type.replace('%s', f.name)}${arr};`;
  const sep = f.type.endsWith('*') ? '' : ' ';
  return `${f.type}${sep}${f.name}${arr};`;
}

function renderMember(m: MemberSpec, indent: string): string[] {
  if (!isUnion(m)) return [indent + declarator(m)];
  return [`${indent}union {`, ...m.union.map((f) => `${indent}\t${declarator(f)}`), `${indent}};`];
}

export function renderStruct(s: StructSpec): string {
  const head = s.typedef ? `typedef struct${s.tag ? ' ' + s.tag : ''} {` : `struct ${s.tag} {`;
  const tail = s.typedef ? `} ${s.typedef};` : '};';
  return [head, ...s.members.flatMap((m) => renderMember(m, '\t')), tail].join('\n');
}

export function beginMarker(key: string): string {
  return `/* <kwb-layout ${key}>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */`;
}

export function endMarker(key: string): string {
  return `/* </kwb-layout ${key}> */`;
}

/** Replaces the marker block of every spec in `text`; returns null when a marker is missing. */
export function updateHeaderText(text: string, specs: StructSpec[]): { text: string; missing: string[] } {
  let out = text;
  const missing: string[] = [];
  for (const s of specs) {
    const key = layoutKey(s);
    const b = beginMarker(key);
    const e = endMarker(key);
    const i = out.indexOf(b);
    const j = out.indexOf(e);
    if (i < 0 || j < i) { missing.push(key); continue; }
    out = out.slice(0, i) + b + '\n' + renderStruct(s) + '\n' + out.slice(j);
  }
  return { text: out, missing };
}

export function renderOffsetsModule(layouts: Map<string, StructLayout>): string {
  const lines = [
    '// Generated wasm32 offsets and sizes of kernel structs, from kernel-sim/toolchain/layouts; run scripts/gen-headers.ts, do not edit.',
    "import type { StructLayout } from './compute.ts';",
    '',
    'export const LAYOUTS = {',
  ];
  for (const [key, l] of [...layouts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${JSON.stringify(key)}: {`);
    lines.push(`    key: ${JSON.stringify(key)}, size: ${l.size}, align: ${l.align},`);
    lines.push('    fields: [');
    for (const f of l.fields) lines.push(`      ${JSON.stringify(f).replace(/"(\w+)":/g, '$1: ')},`);
    lines.push('    ],');
    lines.push('  },');
  }
  lines.push('} as const satisfies Record<string, StructLayout>;', '');
  lines.push('export type LayoutName = keyof typeof LAYOUTS;', '');
  return lines.join('\n');
}
