// Lab text as HTML: markdown-it with HTML off (lab text cannot inject markup), code blocks with a Copy button, inline markdown for titles, hints and check results.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
const fence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) =>
  `<div class="code-block"><button type="button" class="copy" data-copy title="Copy to the clipboard">Copy</button>${fence(tokens, idx, options, env, self)}</div>`;

/** A block of lab markdown (a step's text, the lab's introduction). */
export const renderMarkdown = (text: string): string => md.render(text);
/** One line of lab markdown (a title, a hint, a check's result): `code` and *emphasis*, no paragraphs. */
export const renderInline = (text: string): string => md.renderInline(text);

/** Handles a click on a code block's Copy button (event delegation on the rendered text); true when it was one. */
export function copyFromCodeBlock(ev: MouseEvent, write: (text: string) => Promise<void> = (t) => navigator.clipboard.writeText(t)): boolean {
  const btn = (ev.target as HTMLElement | null)?.closest?.('[data-copy]');
  if (!btn) return false;
  const code = btn.parentElement?.querySelector('pre')?.textContent ?? '';
  void write(code.replace(/\n$/, '')).then(() => { btn.textContent = 'Copied'; setTimeout(() => { btn.textContent = 'Copy'; }, 1500); }, () => { btn.textContent = 'Select and copy'; });
  return true;
}
