// Models linux/drivers/leds/trigger/ledtrig-timer.c, ledtrig-heartbeat.c and ledtrig-default-on.c: blinking in virtual time (delay_on/delay_off), the thump-thump-pause heartbeat, always on.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, type hrtimer } from '../../kernel/time/timekeeping.ts';
import type { device_attribute } from '../base/base.ts';
import { LED_OFF, led_of, led_set_brightness, led_trigger_register, type led_classdev, type led_trigger } from './led-class.ts';

const MS = 1_000_000;

interface blink { timer: hrtimer | null; delay_on: number; delay_off: number; on: boolean; phase: number; period: number }
const data = (c: led_classdev): blink => c.trigger_data as blink;
const on_level = (c: led_classdev): number => c.blink_brightness || c.max_brightness;

/** The LED's timer: `step` runs at each expiry, sets the LED and returns the next delay in ms. */
function start(c: led_classdev, step: (b: blink) => number): void {
  const b: blink = { timer: null, delay_on: 500, delay_off: 500, on: false, phase: 0, period: 0 };
  c.trigger_data = b;
  const t = hrtimer_create(`led-${c.name}`, () => { if (c.trigger_data === b) hrtimer_start(t, ktime_get() + step(b) * MS); });
  b.timer = t;
  hrtimer_start(t, ktime_get() + step(b) * MS);
}
function stop(c: led_classdev): void {
  const b = c.trigger_data as blink | null;
  if (b?.timer) hrtimer_cancel(b.timer);
}

/** led_timer_function(): on for delay_on ms, off for delay_off ms. */
function timer_step(c: led_classdev): (b: blink) => number {
  return (b) => {
    b.on = !b.on;
    led_set_brightness(c, b.on ? on_level(c) : LED_OFF);
    return b.on ? b.delay_on : b.delay_off;
  };
}

function delay_attr(name: 'delay_on' | 'delay_off'): device_attribute {
  return {
    name, mode: 0o644,
    show: (d) => `${data(led_of(d))[name]}\n`,
    store: (d, _a, buf) => {
      if (!/^\s*\d+\s*$/.test(buf)) return -EINVAL;
      data(led_of(d))[name] = Number(buf.trim());
      return buf.length;
    },
  };
}

// kernel-static: trigger descriptions (code); led_trigger_register puts them on each boot's list
const timer_trigger: led_trigger = {
  name: 'timer',
  activate: (c) => start(c, timer_step(c)),
  deactivate: stop,
  groups: [{ attrs: [delay_attr('delay_on'), delay_attr('delay_off')] }],
};

/**
 * led_heartbeat_function(): thump (70 ms) - pause - thump (70 ms) - long pause. The period follows the
 * 1-minute load, f(load) = 300 + 6720 / (5 * load + 7) ms; the load average is not tracked here, so the
 * period is f(0) = 1260 ms.
 */
function heartbeat_step(c: led_classdev): (b: blink) => number {
  return (b) => {
    let delay: number;
    let on = false;
    switch (b.phase) {
      case 0: b.period = 300 + Math.floor(6720 / 7); delay = 70; on = true; b.phase++; break;
      case 1: delay = Math.floor(b.period / 4) - 70; b.phase++; break;
      case 2: delay = 70; on = true; b.phase++; break;
      default: delay = b.period - Math.floor(b.period / 4) - 70; b.phase = 0; break;
    }
    led_set_brightness(c, on ? on_level(c) : LED_OFF);
    return delay;
  };
}

// kernel-static: trigger description
const heartbeat_trigger: led_trigger = { name: 'heartbeat', activate: (c) => start(c, heartbeat_step(c)), deactivate: stop };
// kernel-static: trigger description
const defon_trigger: led_trigger = { name: 'default-on', activate: (c) => led_set_brightness(c, c.max_brightness), deactivate: () => {} };

/** The triggers in drivers/leds/trigger/Makefile's order: timer, heartbeat, default-on. */
function ledtrig_init(): number {
  for (const t of [timer_trigger, heartbeat_trigger, defon_trigger]) {
    const r = led_trigger_register(t);
    if (r) return r;
  }
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'ledtrig_init', ledtrig_init, 1_000]];
