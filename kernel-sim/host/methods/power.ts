// Handlers of the Power view's methods: the power history of this boot (kernel/power/history.ts).
import { powerApi } from '../../api/methods/power.ts';
import { power_history } from '../../kernel/power/history.ts';
import { cpu_history } from '../../kernel/power/cpu_history.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { defineMethods } from './define.ts';

export const powerMethods = defineMethods(powerApi, {
  'power.history': (_params, ctx) => ctx.machine().inspect(() => ({ nowNs: ktime_get(), ...power_history() })),
  'power.cpu': (_params, ctx) => ctx.machine().inspect(() => ({ nowNs: ktime_get(), ...cpu_history() })),
});
