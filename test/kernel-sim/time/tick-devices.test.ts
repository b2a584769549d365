// Clock event devices and tick devices (kernel/time/clockevents.ts, tick-common.ts) as /proc/timer_list's second pass and /sys/devices/system/clockevents show them: each CPU ticks on its lapic in one-shot mode, the HPET it displaced is the broadcast device.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { ROOT } from '../toolchain/helpers.ts';

describe('tick devices', () => {
  let m: Machine;
  beforeAll(() => {
    m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
  });

  it('prints the broadcast hpet and each CPU\'s lapic in /proc/timer_list as timer_list.c does', () => {
    const out = m.runCommand('cat /proc/timer_list').output;
    const tick = out.slice(out.indexOf('Tick Device:'));
    expect(tick).toMatch(/^Tick Device: mode: {5}1\nBroadcast device\nClock Event Device: hpet\n max_delta_ns: {3}21474836451\n min_delta_ns: {3}1920\n mult: {11}429496730\n shift: {10}32\n mode: {11}1\n next_event: {5}9223372036854775807 nsecs\n set_next_event: hpet_clkevt_set_next_event\n/);
    expect(tick).toContain(' resume:         hpet_clkevt_legacy_resume\n event_handler:  tick_handle_oneshot_broadcast\n\n retries:        0\n\ntick_broadcast_mask: 0\ntick_broadcast_oneshot_mask: 0\n\n');
    for (const cpu of [0, 1]) {
      expect(tick).toMatch(new RegExp(`Tick Device: mode: {5}1\\nPer CPU device: ${cpu}\\nClock Event Device: lapic\\n max_delta_ns: {3}34359738352\\n min_delta_ns: {3}1000\\n mult: {11}268435456\\n shift: {10}32\\n mode: {11}3\\n next_event: {5}\\d+ nsecs\\n set_next_event: lapic_next_event\\n shutdown: {7}lapic_timer_shutdown\\n periodic: {7}lapic_timer_set_periodic\\n oneshot: {8}lapic_timer_set_oneshot\\n oneshot stopped: lapic_timer_shutdown\\n event_handler:  hrtimer_interrupt\\n\\n retries: {8}0\\nWakeup Device: <NULL>\\n`));
    }
  });

  it('lists broadcast and clockeventN under /sys/devices/system/clockevents with their current devices', () => {
    const d = '/sys/devices/system/clockevents';
    expect(m.runCommand(`ls ${d}`).output.split(/\s+/).filter(Boolean)).toEqual(['broadcast', 'clockevent0', 'clockevent1', 'power', 'uevent']);
    expect(m.runCommand(`cat ${d}/broadcast/current_device ${d}/clockevent0/current_device ${d}/clockevent1/current_device`).output).toBe('hpet\nlapic\nlapic\n');
    // A device serving a tick has no replacement: unbinding it fails.
    expect(m.runCommand(`echo lapic > ${d}/clockevent0/unbind_device; echo rc=$?`).output).toMatch(/rc=1/);
  });
});
