// Per-machine kernel state and the pointer to the running machine's kernel, as Linux code reaches `current`.
//
// Several machines may live in one process (tests). Each subsystem declares its
// state with defineState(); the slot resolves against whichever kernel is
// entered. Every entry point into a machine goes through enter_kernel().

export class KernelInstance {
  /** Indexed by slot number: an array lookup on every access (the hot paths read several slots per system call). */
  private readonly slots: unknown[] = [];
  constructor(readonly id: number) {}
  slot<T>(key: number, init: () => T): T {
    let v = this.slots[key] as T | undefined;
    if (v === undefined) {
      v = init();
      this.slots[key] = v;
    }
    return v;
  }
}

// kernel-static: the machine being run right now (as `current`), process-wide by design
let active: KernelInstance | null = null;
// kernel-static: slot numbers are handed out at load, the same for every boot
let nextSlot = 0;

/** Declares a subsystem's per-kernel state; returns its accessor. */
export function defineState<T>(name: string, init: () => T): () => T {
  const key = nextSlot++;
  const accessor = (): T => {
    if (!active) throw new Error(`${name}: no kernel entered`);
    return active.slot(key, init);
  };
  return accessor;
}

/** Runs fn with `k` as the running kernel; restores the previous one after. */
export function enter_kernel<R>(k: KernelInstance, fn: () => R): R {
  const prev = active;
  active = k;
  try {
    return fn();
  } finally {
    active = prev;
  }
}

export function kernel_entered(): boolean {
  return active !== null;
}
