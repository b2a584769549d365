// Handlers of the event-stream methods: per-subscriber subscriptions of one connection.
import { eventsApi } from '../../api/methods/events.ts';
import { defineMethods } from './define.ts';

export const eventsMethods = defineMethods(eventsApi, {
  'events.subscribe': (params, ctx) => ({ streams: ctx.subscribe(params.subscriber, params.streams) }),
  'events.unsubscribe': (params, ctx) => ({ streams: ctx.unsubscribe(params.subscriber, params.streams) }),
});
