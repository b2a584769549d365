// Models linux/drivers/input/Makefile: the input core, mousedev, evdev, then the keyboard drivers.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as input from './input.ts';
import * as mousedev from './mousedev.ts';
import * as evdev from './evdev.ts';
import * as atkbd from './keyboard/atkbd.ts';

export const obj_y: kbuild_obj[] = [input, mousedev, evdev, atkbd];
