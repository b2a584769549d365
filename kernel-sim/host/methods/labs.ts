// Handlers of the lab methods: texts, live checks and progress (host/lab-service.ts).
import { labsApi } from '../../api/methods/labs.ts';
import { lab_check_live, lab_get, lab_hint_shown, lab_list, lab_reset, load_progress } from '../lab-service.ts';
import { defineMethods } from './define.ts';

export const labsMethods = defineMethods(labsApi, {
  'lab.list': () => ({ labs: lab_list() }),
  'lab.get': (params) => lab_get(params.name),
  'lab.check': (params, ctx) => lab_check_live(ctx.machine(), params.name, params.step, params.files, ctx.builder),
  'lab.progress': () => ({ labs: load_progress() }),
  'lab.hint': (params) => { lab_hint_shown(params.name, params.step, params.shown); return {}; },
  'lab.reset': (params) => { lab_reset(params.name); return {}; },
});
