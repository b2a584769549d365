// Every subsystem's handler table, in one list the service dispatches through.
import type { AnyMethodEntry } from './define.ts';
import { machineMethods } from './machine.ts';
import { ttyMethods } from './tty.ts';
import { eventsMethods } from './events.ts';
import { fsMethods } from './fs.ts';
import { moduleMethods } from './module.ts';
import { devicesMethods } from './devices.ts';
import { traceMethods } from './trace.ts';
import { irqMethods } from './irq.ts';
import { labsMethods } from './labs.ts';
import { cgroupMethods } from './cgroup.ts';
import { ioMethods } from './io.ts';
import { powerMethods } from './power.ts';
import { inputMethods } from './input.ts';
import { usbMethods } from './usb.ts';
import { gpioMethods } from './gpio.ts';

export const METHOD_TABLES: ReadonlyArray<Record<string, AnyMethodEntry>> = [
  machineMethods, ttyMethods, eventsMethods, fsMethods, moduleMethods, devicesMethods, traceMethods, irqMethods, labsMethods, cgroupMethods, ioMethods, powerMethods, inputMethods, usbMethods, gpioMethods,
];
