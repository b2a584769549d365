// Monarch tokenizers for device-tree source (.dts/.dtsi), the kernel command line and Makefile/Kbuild, and their language configurations.
import type { languages } from 'monaco-editor';

export const dtsLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.dts',
  keywords: ['/dts-v1/', '/plugin/', '/delete-node/', '/delete-property/', '/include/', '/memreserve/', '/bits/', '/omit-if-no-ref/'],
  tokenizer: {
    root: [
      [/\/\/.*$/, 'comment'],
      [/\/\*/, 'comment', '@comment'],
      [/^\s*#\s*(include|define|undef|if|ifdef|ifndef|else|elif|endif)\b.*$/, 'keyword.directive'],
      [/\/(dts-v1|plugin|delete-node|delete-property|include|memreserve|bits|omit-if-no-ref)\//, 'keyword'],
      [/&\{[^}]*\}/, 'type.identifier'],
      [/&[A-Za-z_][\w-]*/, 'type.identifier'],
      [/[A-Za-z_][\w-]*:(?=\s*[A-Za-z_/&{])/, 'tag'],
      [/"/, 'string', '@string'],
      [/</, 'delimiter.angle', '@cells'],
      [/\[/, 'delimiter.square', '@bytes'],
      [/([A-Za-z0-9,._+#?@-]+)(\s*)(\{)/, ['entity.name.tag', '', 'delimiter.curly']],
      [/[A-Za-z0-9,._+#?-]+(?=\s*[=;])/, 'attribute.name'],
      [/\//, 'entity.name.tag'],
      [/[{}]/, 'delimiter.curly'],
      [/[=;,]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
    cells: [
      [/>/, 'delimiter.angle', '@pop'],
      [/0x[0-9a-fA-F]+|\d+/, 'number'],
      [/&[A-Za-z_][\w-]*/, 'type.identifier'],
      [/[A-Z_][A-Z0-9_]*/, 'constant'],
      [/\/\*.*?\*\//, 'comment'],
      [/[()+\-*/|&<^~]/, 'operator'],
      [/\s+/, 'white'],
    ],
    bytes: [
      [/\]/, 'delimiter.square', '@pop'],
      [/[0-9a-fA-F]{2}/, 'number.hex'],
      [/\s+/, 'white'],
    ],
  },
};

export const dtsConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [['{', '}'], ['<', '>'], ['[', ']']],
  autoClosingPairs: [{ open: '{', close: '}' }, { open: '<', close: '>' }, { open: '[', close: ']' }, { open: '"', close: '"' }],
};

/** Parameters the simulated kernel knows, shown brighter than unknown ones. */
export const KNOWN_PARAMS = ['console', 'panic', 'init', 'rdinit', 'root', 'rootwait', 'ro', 'rw', 'quiet', 'loglevel', 'debug', 'initcall_debug', 'earlyprintk', 'nokaslr', 'mem', 'maxcpus', 'nr_cpus', 'hung_task_timeout_secs', 'ignore_loglevel', 'printk.time', 'module_blacklist', 'dyndbg', 'softlockup_panic', 'oops', 'panic_on_warn'];

export const cmdlineLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.kcmdline',
  known: KNOWN_PARAMS,
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/--(?=\s|$)/, 'keyword'],
      [/([A-Za-z_][\w.-]*)(=)/, [{ cases: { '@known': 'keyword', '@default': 'attribute.name' } }, 'delimiter']],
      [/[A-Za-z_][\w.-]*/, { cases: { '@known': 'keyword', '@default': 'attribute.name' } }],
      [/"[^"]*"/, 'string'],
      [/0x[0-9a-fA-F]+|-?\d+[KMG]?\b/, 'number'],
      [/[^\s"]+/, 'string'],
      [/\s+/, 'white'],
    ],
  },
};

/** Kbuild files and module Makefiles: variables (obj-m, ccflags-y), rules, recipes, $(...) references, conditionals. */
export const makefileLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.makefile',
  keywords: ['ifeq', 'ifneq', 'ifdef', 'ifndef', 'else', 'endif', 'include', '-include', 'sinclude', 'override', 'export', 'unexport', 'define', 'endef', 'vpath'],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/^\t/, 'string', '@recipe'],
      [/^\s*(-?include|s?include|ifn?eq|ifn?def|else|endif|override|export|unexport|define|endef|vpath)\b/, 'keyword'],
      [/^\s*([\w.$()/-]+)(\s*)(:?=|\+=|\?=|!=)/, ['variable', '', 'operator']],
      [/^([^:#=\t][^:#=]*?)(::?)(?!=)/, ['type.identifier', 'delimiter']],
      { include: '@refs' },
      [/"[^"]*"|'[^']*'/, 'string'],
      [/[^\s$#]+/, ''],
      [/\s+/, 'white'],
    ],
    recipe: [
      [/$/, 'string', '@pop'],
      { include: '@refs' },
      [/[^$]+/, 'string'],
    ],
    refs: [
      [/\$[({][^)}]*[)}]/, 'variable.predefined'],
      [/\$[@<^?*%+$]/, 'variable.predefined'],
    ],
  },
};

export const makefileConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [['(', ')'], ['{', '}']],
  autoClosingPairs: [{ open: '(', close: ')' }, { open: '{', close: '}' }, { open: '"', close: '"' }],
};
