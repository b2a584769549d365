// The module corpus (issue 19): how many of Linux 6.1's own samples/, drivers/misc/ and drivers/char/ modules build,
// load and unload cleanly, and the failures with their first error line (scripts/corpus.ts; skipped without the tree).
import { runCorpus } from '../scripts/corpus.ts';

export default async function bench(): Promise<Record<string, unknown>> {
  return runCorpus();
}
