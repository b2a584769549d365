// Handlers of the terminal methods: a shell on a new tty, input, size and hang-up.
import { ttyApi } from '../../api/methods/tty.ts';
import { defineMethods } from './define.ts';

export const ttyMethods = defineMethods(ttyApi, {
  'tty.open': (params, ctx) => ({ tty: ctx.machine().openTty(params.cols ?? 80, params.rows ?? 24) }),
  'tty.input': (params, ctx) => { ctx.machine().ttyInput(params.tty, params.data); return {}; },
  'tty.resize': (params, ctx) => { ctx.machine().ttyResize(params.tty, params.cols, params.rows); return {}; },
  'tty.close': (params, ctx) => { ctx.machine().closeTty(params.tty); return {}; },
});
