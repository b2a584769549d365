// Layouts of the input subsystem's structs modules touch: input_id and input_absinfo (uapi/linux/input.h) and input_dev (linux/input.h).
import type { StructSpec } from './spec.ts';

const bitmap = (name: string, cnt: string) => ({ name, type: 'unsigned long', count: `BITS_TO_LONGS(${cnt})` });

/**
 * struct input_dev declares less than Linux's: the key/led/snd/sw state arrays, the autorepeat timer, force feedback,
 * multitouch, the poller and the locks are kernel-sim's (evdev's EVIOCGKEY reads the state); the fields drivers fill
 * before input_register_device() and the callbacks are Linux's, in Linux's order.
 */
export const INPUT_LAYOUTS: StructSpec[] = [
  { tag: 'input_id', header: 'uapi/linux/input.h', members: [
    { name: 'bustype', type: '__u16' },
    { name: 'vendor', type: '__u16' },
    { name: 'product', type: '__u16' },
    { name: 'version', type: '__u16' },
  ] },
  { tag: 'input_absinfo', header: 'uapi/linux/input.h', members: [
    { name: 'value', type: '__s32' },
    { name: 'minimum', type: '__s32' },
    { name: 'maximum', type: '__s32' },
    { name: 'fuzz', type: '__s32' },
    { name: 'flat', type: '__s32' },
    { name: 'resolution', type: '__s32' },
  ] },
  { tag: 'input_dev', header: 'linux/input.h', members: [
    { name: 'name', type: 'const char *' },
    { name: 'phys', type: 'const char *' },
    { name: 'uniq', type: 'const char *' },
    { name: 'id', type: 'struct input_id' },
    bitmap('propbit', 'INPUT_PROP_CNT'),
    bitmap('evbit', 'EV_CNT'),
    bitmap('keybit', 'KEY_CNT'),
    bitmap('relbit', 'REL_CNT'),
    bitmap('absbit', 'ABS_CNT'),
    bitmap('mscbit', 'MSC_CNT'),
    bitmap('ledbit', 'LED_CNT'),
    bitmap('sndbit', 'SND_CNT'),
    bitmap('ffbit', 'FF_CNT'),
    bitmap('swbit', 'SW_CNT'),
    { name: 'hint_events_per_packet', type: 'unsigned int' },
    { name: 'keycodemax', type: 'unsigned int' },
    { name: 'keycodesize', type: 'unsigned int' },
    { name: 'keycode', type: 'void *' },
    { name: 'rep', type: 'int', count: 'REP_CNT' },
    { name: 'absinfo', type: 'struct input_absinfo *' },
    { name: 'open', type: 'int (*%s)(struct input_dev *dev)' },
    { name: 'close', type: 'void (*%s)(struct input_dev *dev)' },
    { name: 'event', type: 'int (*%s)(struct input_dev *dev, unsigned int type, unsigned int code, int value)' },
    { name: 'dev', type: 'struct device' },
  ] },
];
