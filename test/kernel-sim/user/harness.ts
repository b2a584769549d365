// Test harness for user space: one booted machine, commands run through `sh -c`, and the console tty driven like a terminal.
import { Machine } from '../../../kernel-sim/machine.ts';

export { REFERENCE } from '../../fixtures/reference.ts';

export interface Guest {
  m: Machine;
  /** Runs a command line; returns its combined stdout+stderr and exit status. */
  sh(cmd: string): { output: string; status: number };
  /** Output only (asserting nothing about status). */
  out(cmd: string): string;
}

export function boot_guest(): Guest {
  const m = new Machine({});
  m.boot();
  return {
    m,
    sh: (cmd) => m.runCommand(cmd),
    out: (cmd) => m.runCommand(cmd).output,
  };
}

/** The console as a terminal: what was written to it since the last take(), with \r\n made \n. */
export class Console {
  private buf = '';
  constructor(readonly m: Machine) { m.on((e) => { if (e.type === 'event' && e.stream === 'console') this.buf += (e.data as { data: string }).data; }); }
  type(s: string): void { this.m.ttyInput('ttyS0', s); this.m.runFor(50e6); }
  take(): string { const s = this.buf; this.buf = ''; return s; }
  /** The screen text roughly as a terminal shows it: CR/LF folded, erase/cursor sequences removed. */
  static plain(s: string): string {
    return s.replace(/\r\n/g, '\n').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x07/g, '');
  }
}
