// Handlers of the interrupt methods: counts per line from boot (kernel/irq/history.ts).
import { irqApi } from '../../api/methods/irq.ts';
import { irq_history } from '../../kernel/irq/history.ts';
import { defineMethods } from './define.ts';

export const irqMethods = defineMethods(irqApi, {
  'irq.history': (params, ctx) => {
    const h = ctx.machine().inspect(() => irq_history(params.sinceNs ?? -1));
    return { intervalNs: h.interval_ns, nowNs: h.now, lines: h.lines, samples: h.samples };
  },
});
