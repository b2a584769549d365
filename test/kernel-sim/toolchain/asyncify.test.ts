// binaryen asyncify limited to schedule(): a PIC module asleep in wait_event unwinds, another task runs, and it resumes with its C stack intact.
import { describe, it, expect, beforeAll } from 'vitest';
import { makeToolchain, buildSource } from './helpers.ts';
import { loadModule, type Loaded } from './mini-loader.ts';
import { asyncify, ASYNCIFY_STATE } from '../../../kernel-sim/toolchain/asyncify.ts';
import { inspectKo } from '../../../kernel-sim/toolchain/ko.ts';
import { Symbolizer } from '../../../kernel-sim/toolchain/symbolize.ts';
import { readModinfo, modinfoValue } from '../../../kernel-sim/toolchain/modinfo.ts';

const SRC = `#include <linux/module.h>
#include <linux/wait.h>
#include <linux/sched.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);
static int ready;

__attribute__((export_name("waiter"))) int waiter(int n)
{
	volatile int locals[16];
	int i, sum = 0;

	for (i = 0; i < 16; i++)
		locals[i] = n * i;
	if (wait_event_interruptible(wq, READ_ONCE(ready)))
		return -ERESTARTSYS;
	for (i = 0; i < 16; i++)
		sum += locals[i];
	return sum + ready;
}

__attribute__((export_name("waker"))) void waker(int v)
{
	WRITE_ONCE(ready, v);
	wake_up_interruptible(&wq);
}
MODULE_LICENSE("GPL");
`;

interface AsyncExports {
  waiter: (n: number) => number;
  waker: (v: number) => void;
  asyncify_get_state: () => number;
  asyncify_start_unwind: (p: number) => void;
  asyncify_stop_unwind: () => void;
  asyncify_start_rewind: (p: number) => void;
  asyncify_stop_rewind: () => void;
}

let plain: Uint8Array;
let asyncified: Uint8Array;
beforeAll(async () => {
  const r = await buildSource(makeToolchain(), 'sleeper.c', SRC);
  expect(r.diagnostics).toEqual([]);
  plain = r.wasm!;
  asyncified = await asyncify(plain, { imports: ['env.schedule'] });
}, 120_000);

const DATA = 0x9000;          // this task's asyncify buffer
const TASK_A_STACK = 0x10000; // kernel stacks of two tasks
const TASK_B_STACK = 0x8000;

function setup(): { l: Loaded; ex: AsyncExports; sleeps: () => number; wakes: number[] } {
  let sleeps = 0;
  const wakes: number[] = [];
  const h = {} as { ex: AsyncExports };
  const l = loadModule(asyncified, {
    stackTop: TASK_A_STACK,
    data: { __this_module: 0x2000 },
    functions: {
      __might_sleep: () => {}, init_wait_entry: () => {}, finish_wait: () => {},
      prepare_to_wait_event: () => 0,
      __wake_up: (_wq, mode) => { wakes.push(mode!); },
      schedule: () => {
        if (h.ex.asyncify_get_state() === ASYNCIFY_STATE.rewinding) { h.ex.asyncify_stop_rewind(); return; }
        sleeps++;
        l.setU32(DATA, DATA + 8);
        l.setU32(DATA + 4, DATA + 2048);
        h.ex.asyncify_start_unwind(DATA);
      },
    },
  });
  h.ex = l.instance.exports as unknown as AsyncExports;
  return { l, ex: h.ex, sleeps: () => sleeps, wakes };
}

/** Runs waiter(n) until it sleeps (returns undefined) or finishes (returns its value). */
function step(t: ReturnType<typeof setup>, n: number, resume: boolean): number | undefined {
  if (resume) t.ex.asyncify_start_rewind(DATA);
  const v = t.ex.waiter(n);
  if (t.ex.asyncify_get_state() === ASYNCIFY_STATE.unwinding) { t.ex.asyncify_stop_unwind(); return undefined; }
  return v;
}

describe('asyncify', () => {
  it('keeps the module a loadable PIC side module with its imports, exports and names', () => {
    const ko = inspectKo(asyncified);
    expect(ko.functions).toEqual(inspectKo(plain).functions);
    expect(ko.dylink.memorySize).toBe(inspectKo(plain).dylink.memorySize);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(asyncified as BufferSource)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['waiter', 'waker', 'asyncify_start_unwind', 'asyncify_start_rewind', 'asyncify_get_state']));
    expect([...new Symbolizer(asyncified).info.functionNames.values()]).toContain('waiter');
    expect(modinfoValue(readModinfo(asyncified), 'license')).toBe('GPL');
  });

  it('a task asleep in wait_event_interruptible resumes after another task wakes it, with the right result', () => {
    const t = setup();
    expect(step(t, 3, false)).toBeUndefined();
    expect(t.sleeps()).toBe(1);
    const sleeperSp = t.l.stackPointer.value as number;
    expect(sleeperSp).toBeLessThan(TASK_A_STACK);

    t.l.stackPointer.value = TASK_B_STACK;          // switch to task B's kernel stack
    t.ex.waker(0);                                  // a wake-up that leaves the condition false
    t.l.stackPointer.value = sleeperSp;             // back to task A
    expect(step(t, 3, true)).toBeUndefined();       // re-checks, sleeps again
    expect(t.sleeps()).toBe(2);

    t.l.stackPointer.value = TASK_B_STACK;
    t.ex.waker(5);
    t.l.stackPointer.value = sleeperSp;
    expect(step(t, 3, true)).toBe(120 * 3 + 5);
    expect(t.ex.asyncify_get_state()).toBe(ASYNCIFY_STATE.normal);
    expect(t.wakes).toEqual([1, 1]);
    expect(t.l.stackPointer.value).toBe(TASK_A_STACK);
  });

  it('does not sleep when the condition already holds', () => {
    const t = setup();
    t.ex.waker(2);
    expect(step(t, 4, false)).toBe(120 * 4 + 2);
    expect(t.sleeps()).toBe(0);
  });
});
