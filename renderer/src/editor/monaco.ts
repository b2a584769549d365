// Monaco for the workbench, loaded on first use: the editor core with the contributions the workbench uses, only its own languages
// (C, DTS, kernel command line, Makefile/Kbuild, YAML, shell, Markdown) and only the editor worker (CSP: workers from 'self'),
// themes, and kernel API completion, hover, signature help and go-to-definition into read-only headers.
//
// 'monaco-editor' itself would pull in ~80 languages and the TypeScript/JSON/CSS/HTML services with their workers.
import * as monaco from 'monaco-editor/editor/editor.api.js';
// The editor features the workbench uses (monaco-editor/features/*, as its full build registers them).
import 'monaco-editor/features/anchorSelect/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/caretOperations/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/codeAction/register.js';
import 'monaco-editor/features/codeEditor/register.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/documentSymbols/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/fontZoom/register.js';
import 'monaco-editor/features/format/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/gotoLine/register.js';
import 'monaco-editor/features/gotoSymbol/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/inPlaceReplace/register.js';
import 'monaco-editor/features/lineSelection/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/links/register.js';
import 'monaco-editor/features/longLinesHelper/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/parameterHints/register.js';
import 'monaco-editor/features/quickCommand/register.js';
import 'monaco-editor/features/quickHelp/register.js';
import 'monaco-editor/features/quickOutline/register.js';
import 'monaco-editor/features/readOnlyMessage/register.js';
import 'monaco-editor/features/referenceSearch/register.js';
import 'monaco-editor/features/smartSelect/register.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/features/stickyScroll/register.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/tokenization/register.js';
import 'monaco-editor/features/unicodeHighlighter/register.js';
import 'monaco-editor/features/unusualLineTerminators/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import 'monaco-editor/features/wordPartOperations/register.js';
// The editor's own commands and strings, which the full build imports next to the features.
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
import 'monaco-editor/languages/definitions/cpp/register.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import 'monaco-editor/languages/definitions/shell/register.js';
import 'monaco-editor/languages/definitions/markdown/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { cmdlineLanguage, dtsConfiguration, dtsLanguage, makefileConfiguration, makefileLanguage } from './languages.ts';
import { loadKernelApi, type ApiSymbol, type KernelApi } from './kernel-api.ts';

export type Monaco = typeof monaco;

let ready: { monaco: Monaco; api: KernelApi } | null = null;

/** Where a header's read-only document lives. */
export const headerUri = (header: string) => monaco.Uri.parse(`kwb-include:/${header}`);

function markdownOf(s: ApiSymbol): monaco.IMarkdownString[] {
  return [
    { value: '```c\n' + s.signature + '\n```' },
    ...(s.doc ? [{ value: s.doc }] : []),
    { value: `*<${s.header}>* line ${s.line}` },
  ];
}

/** Sets Monaco up once: environment, languages, themes, kernel API providers. */
export function setupMonaco(openHeader: (header: string, text: string, at: { line: number; column: number }) => void): { monaco: Monaco; api: KernelApi } {
  if (ready) return ready;
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: () => new EditorWorker(),
  };
  monaco.languages.register({ id: 'dts', extensions: ['.dts', '.dtsi'], aliases: ['Device Tree', 'dts'] });
  monaco.languages.setMonarchTokensProvider('dts', dtsLanguage);
  monaco.languages.setLanguageConfiguration('dts', dtsConfiguration);
  monaco.languages.register({ id: 'kcmdline', aliases: ['Kernel command line'] });
  monaco.languages.setMonarchTokensProvider('kcmdline', cmdlineLanguage);
  monaco.languages.register({ id: 'makefile', filenames: ['Makefile', 'makefile', 'GNUmakefile', 'Kbuild'], extensions: ['.mk'], aliases: ['Makefile', 'Kbuild'] });
  monaco.languages.setMonarchTokensProvider('makefile', makefileLanguage);
  monaco.languages.setLanguageConfiguration('makefile', makefileConfiguration);

  monaco.editor.defineTheme('kwb-dark', {
    base: 'vs-dark', inherit: true,
    rules: [{ token: 'type.identifier', foreground: '7fd4ff' }, { token: 'entity.name.tag', foreground: 'e0b86a' }, { token: 'attribute.name', foreground: '9cdcfe' }],
    colors: { 'editor.background': '#1a1d23', 'editorGutter.background': '#1a1d23', 'editor.lineHighlightBackground': '#ffffff08', 'editorLineNumber.foreground': '#4b5262' },
  });
  monaco.editor.defineTheme('kwb-light', {
    base: 'vs', inherit: true,
    rules: [{ token: 'type.identifier', foreground: '0b6bcb' }, { token: 'entity.name.tag', foreground: '8a5a00' }],
    colors: { 'editor.background': '#ffffff' },
  });

  const api = loadKernelApi();
  const wordAt = (model: monaco.editor.ITextModel, pos: monaco.Position) => model.getWordAtPosition(pos);

  monaco.languages.registerCompletionItemProvider('c', {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      if (word.word.length < 2) return { suggestions: [] };
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const kinds = { function: monaco.languages.CompletionItemKind.Function, macro: monaco.languages.CompletionItemKind.Constant, struct: monaco.languages.CompletionItemKind.Struct, typedef: monaco.languages.CompletionItemKind.TypeParameter, enum: monaco.languages.CompletionItemKind.Enum };
      return {
        suggestions: api.complete(word.word).map((s) => ({
          label: s.name, kind: kinds[s.kind], detail: s.signature, documentation: { value: `${s.doc ? s.doc + '\n\n' : ''}*<${s.header}>*` },
          insertText: s.kind === 'function' || (s.kind === 'macro' && s.params.length) ? `${s.name}(${s.params.map((p, i) => `\${${i + 1}:${p.split(/[\s*]+/).pop()}}`).join(', ')})` : s.name,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet, range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider('c', {
    provideHover(model, position) {
      const w = wordAt(model, position);
      const s = w && api.get(w.word);
      if (!w || !s) return null;
      return { range: new monaco.Range(position.lineNumber, w.startColumn, position.lineNumber, w.endColumn), contents: markdownOf(s) };
    },
  });

  monaco.languages.registerSignatureHelpProvider('c', {
    signatureHelpTriggerCharacters: ['(', ','],
    provideSignatureHelp(model, position) {
      // Walk back to the unmatched '(' and the name before it; count commas at depth 0.
      const text = model.getValueInRange(new monaco.Range(Math.max(1, position.lineNumber - 10), 1, position.lineNumber, position.column));
      let depth = 0, commas = 0, i = text.length - 1;
      for (; i >= 0; i--) {
        const ch = text[i];
        if (ch === ')') depth++;
        else if (ch === '(') { if (depth === 0) break; depth--; }
        else if (ch === ',' && depth === 0) commas++;
      }
      if (i < 0) return null;
      const name = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, i))?.[1];
      const s = name ? api.get(name) : undefined;
      if (!s || !s.params.length) return null;
      return {
        value: { signatures: [{ label: s.signature, documentation: s.doc, parameters: s.params.map((p) => ({ label: p })) }], activeSignature: 0, activeParameter: Math.min(commas, s.params.length - 1) },
        dispose() {},
      };
    },
  });

  monaco.languages.registerDefinitionProvider('c', {
    provideDefinition(model, position) {
      const w = wordAt(model, position);
      const s = w && api.get(w.word);
      if (!s) return null;
      const uri = headerUri(s.header);
      if (!monaco.editor.getModel(uri)) monaco.editor.createModel(api.headers.get(s.header) ?? '', 'c', uri);
      return { uri, range: new monaco.Range(s.line, s.column, s.line, s.column + s.name.length) };
    },
  });

  // Opening a header from go-to-definition shows it as a read-only tab.
  monaco.editor.registerEditorOpener({
    openCodeEditor(_source, resource, selectionOrPosition) {
      if (resource.scheme !== 'kwb-include') return false;
      const header = resource.path.replace(/^\//, '');
      const at = selectionOrPosition && 'startLineNumber' in selectionOrPosition
        ? { line: selectionOrPosition.startLineNumber, column: selectionOrPosition.startColumn }
        : selectionOrPosition ? { line: selectionOrPosition.lineNumber, column: selectionOrPosition.column } : { line: 1, column: 1 };
      openHeader(header, api.headers.get(header) ?? '', at);
      return true;
    },
  });

  ready = { monaco, api };
  return ready;
}

export { monaco };
