// Protocol methods of the IO view: one seeded workload replayed on each I/O scheduler, every request's stages (from the block_rq_stages tracepoint) and a summary per scheduler.
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

export const IO_SCHEDULERS = ['none', 'mq-deadline', 'kyber', 'bfq'] as const;

export const IoJobSchema = z.object({
  name: z.string(),
  rw: z.enum(['read', 'write', 'randread', 'randwrite']),
  bs: z.number().int().positive(),
  iodepth: z.number().int().positive(),
  nr_ios: z.number().int().positive(),
  /** ionice class and level (2 = best effort). */
  ioprio_class: z.number().int().min(1).max(3),
  ioprio_level: z.number().int().min(0).max(7),
  think_us: z.number().nonnegative(),
}).strict();
export type IoJob = z.infer<typeof IoJobSchema>;

/** One request as the IO view draws it: times in virtual ns from the run's start. */
export const IoRequestSchema = z.object({
  pid: z.number().int(), comm: z.string(), sector: z.number(), sectors: z.number().int(), write: z.boolean(),
  alloc: z.number(), insert: z.number(), dispatch: z.number(), issue: z.number(), complete: z.number(),
}).strict();
export type IoRequest = z.infer<typeof IoRequestSchema>;

export const IoProcessSummarySchema = z.object({
  comm: z.string(), pid: z.number().int(), ios: z.number().int(), bytes: z.number(),
  /** MB/s over the run, and Q2C latency percentiles in ns. */
  mbps: z.number(), p50: z.number(), p99: z.number(),
}).strict();

export const IoRunSchema = z.object({
  sched: z.enum(IO_SCHEDULERS),
  /** Virtual ns the run took. */
  durationNs: z.number(),
  requests: z.array(IoRequestSchema),
  processes: z.array(IoProcessSummarySchema),
  /** IOPS and MB/s of the whole run, Q2C p50/p99 over all requests, Jain's fairness index of the processes' throughput (1 = equal). */
  iops: z.number(), mbps: z.number(), p50: z.number(), p99: z.number(), fairness: z.number(),
}).strict();
export type IoRun = z.infer<typeof IoRunSchema>;

export const IoCompareSchema = z.object({
  seed: z.number().int(),
  device: z.string(),
  /** The device model: driver tags and completion time per request. */
  queueDepth: z.number().int(), completionNs: z.number(),
  jobs: z.array(IoJobSchema),
  runs: z.array(IoRunSchema),
}).strict();
export type IoCompare = z.infer<typeof IoCompareSchema>;

export const ioApi = methodSchemas({
  /** Boots a scratch machine with null_blk and replays the jobs (default: a sequential reader, a random writer, a latency-sensitive reader) on each scheduler. */
  'io.compare': {
    params: z.object({
      seed: z.number().int().optional(),
      schedulers: z.array(z.enum(IO_SCHEDULERS)).min(1).optional(),
      jobs: z.array(IoJobSchema).min(1).max(8).optional(),
      queueDepth: z.number().int().min(1).max(256).optional(),
      completionUs: z.number().min(1).max(100_000).optional(),
    }).strict(),
    result: IoCompareSchema,
  },
});
