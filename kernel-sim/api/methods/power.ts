// Protocol methods of the Power view: each device's runtime PM status over virtual time and every system sleep's steps and device callbacks (kernel/power/history.ts, fed by the power and rpm tracepoints).
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

const ns = z.number();
export const PowerHistorySchema = z.object({
  /** Virtual time of this answer, ns. */
  nowNs: ns,
  /** Runtime PM status changes in time order (rpm_status: RPM_ACTIVE, RPM_SUSPENDING, RPM_SUSPENDED, RPM_RESUMING). */
  rpm: z.array(z.object({ t: ns, dev: z.string(), status: z.string() }).strict()),
  /** The last system sleeps, oldest first; end is -1 while one is in progress. */
  transitions: z.array(z.object({
    start: ns, end: ns,
    steps: z.array(z.object({ action: z.string(), start: ns, end: ns }).strict()),
    callbacks: z.array(z.object({ dev: z.string(), driver: z.string(), phase: z.string(), start: ns, end: ns, error: z.number().int() }).strict()),
  }).strict()),
}).strict();
export type PowerHistory = z.infer<typeof PowerHistorySchema>;

/** CPU idle residency and frequency over time with the firmware's power model (kernel/power/cpu_history.ts). */
export const PowerCpuHistorySchema = z.object({
  nowNs: ns,
  /** cpuidle state names (POLL, C1 ...); empty without an idle driver. */
  states: z.array(z.string()),
  model: z.object({
    /** mW per idle state from _CST; null for POLL (it spins at the active power). */
    idle_mw: z.array(z.number().nullable()),
    /** _PSS: kHz and mW per P-state, P0 first; empty without cpufreq. */
    pstates: z.array(z.object({ khz: ns, mw: ns }).strict()),
  }).strict(),
  /** Every 100 virtual ms: per CPU, online, kHz (0 without cpufreq) and the ns spent in each idle state since boot. */
  samples: z.array(z.object({
    t: ns,
    cpus: z.array(z.object({ cpu: z.number().int(), online: z.boolean(), khz: ns, idle_ns: z.array(ns) }).strict()),
  }).strict()),
}).strict();
export type PowerCpuHistory = z.infer<typeof PowerCpuHistorySchema>;

export const powerApi = methodSchemas({
  /** Power history of the running machine from boot. */
  'power.history': { params: z.object({}).strict(), result: PowerHistorySchema },
  /** CPU idle states and frequencies of the running machine, sampled from boot. */
  'power.cpu': { params: z.object({}).strict(), result: PowerCpuHistorySchema },
});
