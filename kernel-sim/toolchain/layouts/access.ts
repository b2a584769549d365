// Typed accessors over the generated struct offsets: offsetOf('pci_dev', 'vendor'), sizeOf('file'), fieldOf(...).
import { LAYOUTS, type LayoutName } from './offsets.generated.ts';
import type { FieldLayout } from './compute.ts';

export type FieldName<N extends LayoutName> = (typeof LAYOUTS)[N]['fields'][number]['name'];

export function fieldOf<N extends LayoutName>(struct: N, field: FieldName<N>): FieldLayout {
  const f = (LAYOUTS[struct].fields as readonly FieldLayout[]).find((x) => x.name === field);
  if (!f) throw new Error(`struct ${struct} has no field ${String(field)}`);
  return f;
}

export function offsetOf<N extends LayoutName>(struct: N, field: FieldName<N>): number {
  return fieldOf(struct, field).offset;
}

export function sizeOf(struct: LayoutName): number {
  return LAYOUTS[struct].size;
}

export { LAYOUTS, type LayoutName };
