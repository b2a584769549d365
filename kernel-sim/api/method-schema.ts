// The shape of one protocol method as data: its params schema and its result schema (both validated by the service).
import type { z } from 'zod';

export interface MethodSchema {
  params: z.ZodType;
  result: z.ZodType;
}

/** Declares one subsystem's methods: names to schemas (a type check, returned as is). */
export function methodSchemas<const T extends Record<string, MethodSchema>>(table: T): T {
  return table;
}
