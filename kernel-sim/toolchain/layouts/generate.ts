// Plans the generated outputs of the layout data: each header's new text, the TS offsets module and the typed views (pure; callers do the I/O).
import { ALL_LAYOUTS } from './index.ts';
import { computeLayouts } from './compute.ts';
import { renderOffsetsModule, updateHeaderText } from './render.ts';
import { renderViewsModule } from './render_views.ts';

export const OFFSETS_MODULE_PATH = 'kernel-sim/toolchain/layouts/offsets.generated.ts';
export const VIEWS_MODULE_PATH = 'kernel-sim/toolchain/layouts/views.generated.ts';

export interface GeneratedFile { path: string; text: string }

/** `readHeader(rel)` gives the current text of resources/include/<rel>. Throws when a marker block is missing. */
export function planGeneratedFiles(readHeader: (rel: string) => string): GeneratedFile[] {
  const byHeader = new Map<string, typeof ALL_LAYOUTS>();
  for (const s of ALL_LAYOUTS) byHeader.set(s.header, [...(byHeader.get(s.header) ?? []), s]);
  const out: GeneratedFile[] = [];
  for (const [header, specs] of byHeader) {
    const { text, missing } = updateHeaderText(readHeader(header), specs);
    if (missing.length) throw new Error(`resources/include/${header}: no marker block for ${missing.join(', ')}`);
    out.push({ path: `resources/include/${header}`, text });
  }
  const layouts = computeLayouts(ALL_LAYOUTS);
  out.push({ path: OFFSETS_MODULE_PATH, text: renderOffsetsModule(layouts) });
  out.push({ path: VIEWS_MODULE_PATH, text: renderViewsModule(layouts) });
  return out;
}
