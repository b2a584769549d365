// The simulated computer as its hosts drive it: hardware from a boot config plus the kernel booted on it.
//
// This is the only surface hosts (host/) use. Everything behind it runs in
// virtual time; hosts decide how fast virtual time may advance (runFor) and
// feed terminal input.
export * from './machine/types.ts';
export { Machine } from './machine/machine.ts';
