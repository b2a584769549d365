// How interactive hosts let virtual time follow their clock (the workbench's service and `kwb shell`).

/** How often the host lets virtual time catch up with its clock. */
export const PACE_INTERVAL_MS = 10;

/**
 * The most virtual time one pacing step asks for. A guest that computes flat
 * out (`yes > /dev/null &`) runs slower than the host's clock; uncapped, each
 * late step would ask for more virtual time than the last took to run, the
 * debt would grow without end, and the host would never get back to reading
 * the user's keys. Capped, the guest's clock falls behind instead, as a VM's
 * does on a loaded host.
 */
export const PACE_MAX_STEP_MS = 20;

/** The virtual nanoseconds to run for `elapsed_ms` of host time. */
export function pace_step_ns(elapsed_ms: number): number {
  return Math.min(Math.max(0, elapsed_ms), PACE_MAX_STEP_MS) * 1e6;
}
