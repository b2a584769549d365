// Protocol methods of the guided labs: the list, one lab's text, live checks of a step, and the user's progress (kept on disk by the host).
import { z } from 'zod';
import { Empty, LabCheckResultSchema, LabDetailSchema, LabNameSchema, LabSummarySchema } from '../protocol.ts';
import { methodSchemas } from '../method-schema.ts';

export const labsApi = methodSchemas({
  'lab.list': { params: Empty, result: z.object({ labs: z.array(LabSummarySchema) }) },
  'lab.get': { params: z.object({ name: LabNameSchema }).strict(), result: LabDetailSchema },
  'lab.check': { params: z.object({ name: LabNameSchema, step: z.number().int().nonnegative(), files: z.record(z.string().max(1024), z.string().max(1 << 20)).default({}) }).strict(), result: LabCheckResultSchema },
  'lab.progress': { params: Empty, result: z.object({ labs: z.record(z.string(), z.object({ completed: z.array(z.string()), hints: z.record(z.string(), z.number()) })) }) },
  'lab.hint': { params: z.object({ name: LabNameSchema, step: z.string().max(64), shown: z.number().int().min(0).max(100) }).strict(), result: Empty },
  'lab.reset': { params: z.object({ name: LabNameSchema }).strict(), result: Empty },
});
