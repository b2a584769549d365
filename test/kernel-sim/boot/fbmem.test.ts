// fbmem_init as Debian's CONFIG_FB=y kernel runs it: major 29 "fb" in /proc/devices (in the reference's place), an empty /proc/fb and graphics class, and no frame buffer device.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { reference } from '../../fixtures/reference.ts';

describe('the frame buffer core', () => {
  it('registers major 29, /proc/fb and the graphics class, all empty: no frame buffer driver registers into them', () => {
    const m = new Machine();
    m.boot();
    const chr = (t: string): string[] => t.split('\n\n')[0]!.split('\n').filter((l) => /^ *\d+ /.test(l));
    const ref = chr(reference('proc-devices.txt').replace(/^# .*\n/, ''));
    const ours = chr(m.runCommand('cat /proc/devices').output);
    expect(ours.indexOf(' 29 fb')).toBe(ours.indexOf(' 13 input') + 1);
    expect(ref.indexOf(' 29 fb')).toBe(ref.indexOf(' 13 input') + 1);
    expect(m.runCommand('cat /proc/fb | wc -c; ls /sys/class/graphics | wc -l; ls /dev | grep -c ^fb').output).toBe('0\n0\n0\n');
  });
});
