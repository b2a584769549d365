// The page's start-up order: the shell's prompt first, then what is heavy (Monaco, Cytoscape and the device graph's layout, the compiler's warm-up), so the main thread and the machine's CPU serve the terminal before them.
//
// Monaco's 4 MB parse alone held the main thread for over a second while the
// boot log waited to be written, and each device snapshot of the boot was laid
// out by dagre before the prompt could show.

/** Longest wait for the shell (no terminal shown, a machine that does not boot): then the rest loads anyway. */
export const SHELL_WAIT_MS = 5000;

let shown!: () => void;
const shell = new Promise<void>((ok) => { shown = ok; });
const timeout = new Promise<void>((ok) => { setTimeout(ok, SHELL_WAIT_MS); });
// Which came first, on the page for tests and benchmarks: on a machine too busy to show the shell within SHELL_WAIT_MS,
// the deferred parts load before it by design.
void Promise.race([shell.then(() => 'shell'), timeout.then(() => 'timeout')]).then((first) => {
  if (typeof document !== 'undefined') document.documentElement.dataset.startup = first;
});

/** Called when a terminal has written the guest's first output (its tty bound, the boot log handed to it). */
export function shellShown(): void {
  shown();
}

/** When the page is next idle (xterm has drawn what it was given), or shortly on browsers without requestIdleCallback. */
function idle(): Promise<void> {
  return new Promise((ok) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => ok(), { timeout: 400 });
    else setTimeout(ok, 50);
  });
}

/** Resolves once the shell has been shown and painted (or SHELL_WAIT_MS after start-up): heavy parts load after it. */
export async function afterShell(): Promise<void> {
  await Promise.race([shell, timeout]);
  await idle();
}
