// xterm.js colour themes matching the workbench's dark and light UI themes.
import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../stores/layout.ts';

export const TERMINAL_THEMES: Record<Theme, ITheme> = {
  dark: {
    background: '#111318', foreground: '#d7dae0', cursor: '#7cb7ff', cursorAccent: '#111318',
    selectionBackground: '#2d4a7a99',
    black: '#1d2027', red: '#f07178', green: '#a6d189', yellow: '#e5c07b', blue: '#7cb7ff',
    magenta: '#c792ea', cyan: '#7fdbca', white: '#c8ccd4',
    brightBlack: '#5c6370', brightRed: '#ff8b92', brightGreen: '#bde3a0', brightYellow: '#f3d394',
    brightBlue: '#9ccaff', brightMagenta: '#dcb0f5', brightCyan: '#a2ece0', brightWhite: '#ffffff',
  },
  light: {
    background: '#ffffff', foreground: '#24292f', cursor: '#0969da', cursorAccent: '#ffffff',
    selectionBackground: '#b6d4fe99',
    black: '#24292f', red: '#cf222e', green: '#116329', yellow: '#8a6100', blue: '#0969da',
    magenta: '#8250df', cyan: '#1b7c83', white: '#6e7781',
    brightBlack: '#57606a', brightRed: '#a40e26', brightGreen: '#1a7f37', brightYellow: '#9a6700',
    brightBlue: '#218bff', brightMagenta: '#a475f9', brightCyan: '#3192aa', brightWhite: '#8c959f',
  },
};

export const TERMINAL_FONT =
  '"JetBrains Mono", "Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
