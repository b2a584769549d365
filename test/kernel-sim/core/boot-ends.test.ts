// A boot always ends: without a usable console (no console=) the kernel warns as Linux does, init idles between respawns, and `kwb run` still runs its command.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { main } from '../../../kernel-sim/host/cli.ts';
import { dmesg } from './harness.ts';

describe('boot without a usable console', () => {
  it('panic=-1 and no console=: "Warning: unable to open an initial console.", then the machine runs and takes commands', () => {
    const m = new Machine({ cmdline: 'panic=-1' });
    const info = m.boot();
    expect(info.state).toBe('running');
    // Ends once the booted system idles, long before the host's 120 s boot timeout.
    expect(info.uptimeNs).toBeLessThan(10e9);
    expect(dmesg(m)).toContain('Warning: unable to open an initial console.');
    expect(m.runCommand('echo hello; true')).toEqual({ output: 'hello\n', status: 0 });
    // init goes on respawning its console shell once a second (as busybox init sleeps), without spinning.
    const before = m.info().uptimeNs;
    m.runFor(5e9);
    expect(m.info().uptimeNs - before).toBeGreaterThanOrEqual(5e9);
    expect(m.info().state).toBe('running');
  });

  it('kwb run --cmdline "panic=-1" -- true exits 0', async () => {
    let out = '';
    let err = '';
    const code = await main(['run', '--cmdline', 'panic=-1', '--', 'true; echo done'], { out: (s) => { out += s; }, err: (s) => { err += s; } });
    expect({ code, out, err }).toEqual({ code: 0, out: 'done\n', err: '' });
  });

  it('with console=ttyS0 the console opens: no warning', () => {
    const m = new Machine({ cmdline: 'console=ttyS0' });
    expect(m.boot().state).toBe('running');
    expect(dmesg(m)).not.toContain('Warning: unable to open an initial console.');
  });
});
