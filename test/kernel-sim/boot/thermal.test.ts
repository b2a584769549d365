// thermal_init as Debian's 6.1 runs it: the five governors its config builds registered in link order, with their boot lines before cpuidle's, and an empty thermal class (no machine has a thermal zone).
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { thermal_governors, thermal_register_governor } from '../../../kernel-sim/drivers/thermal/thermal_core.ts';

describe('thermal core', () => {
  it('registers the governors in link order, once each, and the class', () => {
    const m = new Machine();
    m.boot();
    const log = m.runCommand('dmesg | cut -d"]" -f2- | grep -E "thermal_sys|cpuidle: using"').output;
    expect(log).toBe([
      ...['fair_share', 'bang_bang', 'step_wise', 'user_space', 'power_allocator'].map((g) => ` thermal_sys: Registered thermal governor '${g}'`),
      ' cpuidle: using governor ladder', ' cpuidle: using governor menu', '',
    ].join('\n'));
    expect(m.runCommand('ls -d /sys/class/thermal; ls /sys/class/thermal | wc -l').output).toBe('/sys/class/thermal\n0\n');
    expect(m.inspect(() => thermal_governors().map((g) => g.name))).toEqual(['fair_share', 'bang_bang', 'step_wise', 'user_space', 'power_allocator']);
    expect(m.inspect(() => thermal_register_governor({ name: 'step_wise' }))).toBe(-16);
  });
});
