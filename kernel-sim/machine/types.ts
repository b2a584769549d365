// Options, errors and listener types of the Machine facade.
import type { EventMessage, MachineInfo, ErrorCode } from '../api/protocol.ts';

export interface MachineOptions {
  /** Device-tree source of the machine; the default machine when absent. */
  dts?: string;
  /** File name of the dts, for line:column errors. */
  dtsName?: string;
  /** Kernel command line; overrides /chosen/bootargs. */
  cmdline?: string;
  /** Seed of the machine's PRNG (default 1). */
  seed?: number;
}

export interface RunCommandOptions {
  /** Virtual-time budget; the command is killed after it (default 600 s). */
  timeoutNs?: number;
  /** Polled while running: true asks to cancel (the command is killed). */
  cancelled?: () => boolean;
  /**
   * Run on a terminal: stdout and stderr are the slave of a fresh pseudo-terminal of this size (stdin stays
   * /dev/null), so programs format for a terminal as on a console (ls in columns); its CR LF come back as LF.
   */
  tty?: { cols: number; rows: number };
}

/** An error a client can act on (bad boot config, unknown tty ...), carried as a protocol error. */
export class MachineError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
  }
}

export type MachineListener = (event: EventMessage) => void;

export type { MachineInfo };
