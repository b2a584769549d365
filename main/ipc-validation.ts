// Validation of every argument the renderer sends main: arity and trusted senders here; paths and texts by the workspace service both hosts share.
export {
  MAX_FILE_BYTES, MAX_PATH_DEPTH, MAX_PATH_LENGTH, MAX_SEGMENT_LENGTH, WorkbenchError, resolveInside, validateFileText, validateRelativePath,
} from '../kernel-sim/host/workspace.ts';
import { WorkbenchError } from '../kernel-sim/host/workspace.ts';

/** Checks an IPC call has exactly `count` arguments. */
export function validateArity(args: readonly unknown[], count: number): void {
  if (args.length !== count) throw new WorkbenchError('EINVAL', `expected ${count} argument(s), got ${args.length}`);
}

/** True if an IPC message comes from the workbench page itself (the main frame of an app:// document). */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, origin: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === origin;
  } catch {
    return false;
  }
}
