// Measures the terminal font's printable ASCII once, right after the terminal opens, so drawing the boot log forces no layouts.
//
// xterm.js's DOM renderer looks up the width of every cell it draws in a
// WidthCache that measures a character the first time it meets it (an
// offsetWidth read, i.e. a synchronous layout). Met while the boot log's first
// rows were being built, each of those ~90 reads laid out the freshly built
// rows and the page around them: ~200 ms of the page's CPU before the prompt
// on a loaded machine (profile of web mode's start). Measured at open, the
// page's layout is already clean after the first read, and the rest only lay
// out the measuring span.
import type { Terminal } from '@xterm/xterm';

/** The part of xterm's (internal) WidthCache used here. */
interface GlyphWidths { get(c: string, bold: boolean, italic: boolean): number }

/** Printable ASCII: what a boot log and a shell's prompt are made of. */
export const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/** The DOM renderer's width cache, or null where this xterm.js has none there (another renderer or version): then nothing is warmed. */
export function glyphWidthsOf(t: Terminal): GlyphWidths | null {
  const core = (t as unknown as { _core?: { _renderService?: { _renderer?: { value?: { _widthCache?: Partial<GlyphWidths> } } } } })._core;
  const cache = core?._renderService?._renderer?.value?._widthCache;
  return typeof cache?.get === 'function' ? (cache as GlyphWidths) : null;
}

/** Fills the terminal's width cache with printable ASCII in regular weight; returns how many glyphs it measured (0 without a cache). */
export function warmGlyphWidths(t: Terminal): number {
  const cache = glyphWidthsOf(t);
  if (!cache) return 0;
  for (const c of PRINTABLE_ASCII) cache.get(c, false, false);
  return PRINTABLE_ASCII.length;
}
