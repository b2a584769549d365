// Protocol methods of the event streams: each subscriber of a connection adds and removes its own streams; the connection receives their union.
import { z } from 'zod';
import { StreamSchema } from '../protocol.ts';
import { methodSchemas } from '../method-schema.ts';

/** Who subscribes within one connection (a store, a view); default "default". */
const Subscriber = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).default('default');
/** The streams this connection receives now: the union over its subscribers. */
const Streams = z.object({ streams: z.array(StreamSchema) }).strict();

export const eventsApi = methodSchemas({
  /** Adds streams for one subscriber; the others' subscriptions stay. */
  'events.subscribe': { params: z.object({ streams: z.array(StreamSchema), subscriber: Subscriber }).strict(), result: Streams },
  /** Removes streams (all when absent) of one subscriber; a stream stays while another subscriber wants it. */
  'events.unsubscribe': { params: z.object({ streams: z.array(StreamSchema).optional(), subscriber: Subscriber }).strict(), result: Streams },
});
