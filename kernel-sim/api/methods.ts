// Every protocol method, merged from the subsystems' tables in api/methods/: the one list clients type their requests with and the service validates against.
import type { z } from 'zod';
import { machineApi } from './methods/machine.ts';
import { ttyApi } from './methods/tty.ts';
import { eventsApi } from './methods/events.ts';
import { fsApi } from './methods/fs.ts';
import { moduleApi } from './methods/module.ts';
import { devicesApi } from './methods/devices.ts';
import { traceApi } from './methods/trace.ts';
import { irqApi } from './methods/irq.ts';
import { labsApi } from './methods/labs.ts';
import { cgroupApi } from './methods/cgroup.ts';
import { ioApi } from './methods/io.ts';
import { powerApi } from './methods/power.ts';
import { inputApi } from './methods/input.ts';
import { usbApi } from './methods/usb.ts';
import { gpioApi } from './methods/gpio.ts';

export const methods = { ...machineApi, ...ttyApi, ...eventsApi, ...fsApi, ...moduleApi, ...devicesApi, ...traceApi, ...irqApi, ...labsApi, ...cgroupApi, ...ioApi, ...powerApi, ...inputApi, ...usbApi, ...gpioApi } as const;

export type Methods = typeof methods;
export type Method = keyof Methods;
export type ParamsOf<M extends Method> = z.input<Methods[M]['params']>;
export type ResultOf<M extends Method> = z.output<Methods[M]['result']>;
