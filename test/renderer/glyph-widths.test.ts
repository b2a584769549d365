// The terminal's glyph widths are measured once when it opens (renderer/src/terminal/glyph-widths.ts), not one forced layout per new character while the boot log is drawn.
import { describe, expect, it } from 'vitest';
import type { Terminal } from '@xterm/xterm';
import { PRINTABLE_ASCII, glyphWidthsOf, warmGlyphWidths } from '../../renderer/src/terminal/glyph-widths.ts';

/** A terminal shaped like xterm.js 6's internals where its DOM renderer keeps the width cache. */
function terminalWithCache(): { term: Terminal; asked: string[] } {
  const asked: string[] = [];
  const cache = { get: (c: string, bold: boolean, italic: boolean) => { asked.push(`${c}${bold ? 'B' : ''}${italic ? 'I' : ''}`); return 7.8; } };
  const term = { _core: { _renderService: { _renderer: { value: { _widthCache: cache } } } } } as unknown as Terminal;
  return { term, asked };
}

describe('warmGlyphWidths', () => {
  it('measures every printable ASCII character once, in regular weight', () => {
    const { term, asked } = terminalWithCache();
    expect(warmGlyphWidths(term)).toBe(95);
    expect(asked).toEqual(PRINTABLE_ASCII);
    expect(asked[0]).toBe(' ');
    expect(asked.at(-1)).toBe('~');
  });

  it('does nothing where the renderer keeps no width cache (another renderer or xterm.js version)', () => {
    expect(glyphWidthsOf({} as Terminal)).toBeNull();
    expect(warmGlyphWidths({ _core: { _renderService: { _renderer: { value: {} } } } } as unknown as Terminal)).toBe(0);
  });
});

describe('xterm.js as installed', () => {
  it('keeps the width cache where warmGlyphWidths looks for it, so an upgrade cannot silently drop the warm-up', async () => {
    const { Terminal: XTerm } = await import('@xterm/xterm');
    const host = document.createElement('div');
    document.body.appendChild(host);
    const term = new XTerm();
    term.open(host);
    expect(glyphWidthsOf(term)).not.toBeNull();
    term.dispose();
  });
});
