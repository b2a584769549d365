// Typed handler tables: each subsystem pairs its api/methods schemas with handlers; the service validates params before and results after.
import type { z } from 'zod';
import type { MethodSchema } from '../../api/method-schema.ts';
import type { MachineInfo, ParamsOf, Stream } from '../../api/protocol.ts';
import type { Machine } from '../../machine.ts';
import type { ModuleBuilder } from './module-build.ts';

/** What a handler may use: the connection's machine and streams, and its own request. */
export interface MethodContext {
  /** The machine; boots the default one first when there is none yet. */
  machine(): Machine;
  /** Powers on a new machine (replacing the current one). */
  boot(params: ParamsOf<'machine.boot'>): MachineInfo;
  /** The request's id, and whether the client cancelled it. */
  readonly id: number;
  cancelled(): boolean;
  /** This connection's event subscriptions, per subscriber. */
  subscribe(subscriber: string, streams: Stream[]): Stream[];
  unsubscribe(subscriber: string, streams?: Stream[]): Stream[];
  /** The host's toolchain (loaded on first use). */
  builder(): Promise<ModuleBuilder>;
}

export type Handler<S extends MethodSchema> =
  (params: z.output<S['params']>, ctx: MethodContext) => z.input<S['result']> | Promise<z.input<S['result']>>;

export interface MethodEntry<S extends MethodSchema = MethodSchema> {
  params: S['params'];
  result: S['result'];
  handler: Handler<S>;
}

export type MethodTable<T extends Record<string, MethodSchema> = Record<string, MethodSchema>> = { [K in keyof T]: MethodEntry<T[K]> };

/**
 * Any table's entry, as the service stores them side by side: its handler
 * takes the params its own schema parsed (typed `never` here, so only the
 * service's parse result is handed to it).
 */
export interface AnyMethodEntry {
  params: z.ZodType;
  result: z.ZodType;
  handler: (params: never, ctx: MethodContext) => unknown;
}

/**
 * One subsystem's table: `defineMethods(fsApi, { 'fs.read': (params, ctx) => ... })`.
 * Every method of the schemas needs a handler and no handler may be extra (the
 * types say so); params arrive parsed, results must match the result schema.
 */
export function defineMethods<T extends Record<string, MethodSchema>>(schemas: T, handlers: { [K in keyof T]: Handler<T[K]> }): MethodTable<T> {
  const table = {} as MethodTable<T>;
  for (const name of Object.keys(schemas) as (keyof T)[]) {
    table[name] = { params: schemas[name]!.params, result: schemas[name]!.result, handler: handlers[name] };
  }
  return table;
}
