// Protocol methods of the GPIO breadboard view: every GPIO controller of the machine with its lines (pin level, direction, consumer from gpiolib) and the LEDs wired to them, and driving an input pin as a button or jumper would.
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

const int = z.number().int();
export const GpioLineSchema = z.object({
  offset: int.min(0),
  /** gpio-line-names, or "" for an unnamed line. */
  name: z.string(),
  /** The kernel's view (gpiolib's descriptor); null while no driver has registered the controller's chip. */
  kernel: z.object({
    gpio: int,
    used: z.boolean(),
    /** The consumer's label ("gpioset", "kwb:green:heartbeat", ...), "" when unused. */
    consumer: z.string(),
    output: z.boolean(),
    active_low: z.boolean(),
    /** The line feeds an interrupt (gpiod_to_irq + request_irq, or a line request watching edges). */
    irq: z.boolean(),
  }).strict().nullable(),
  /** The hardware's view: what is on the pin, whether the controller drives it, what the host drives into it as an input. */
  level: z.union([z.literal(0), z.literal(1)]),
  driven: z.boolean(),
  input: z.union([z.literal(0), z.literal(1)]),
  /** Level changes seen on the pin since the machine was built (the view flashes a line whose count grew). */
  edges: int.min(0),
}).strict();
export type GpioLine = z.infer<typeof GpioLineSchema>;

export const GpioBankSchema = z.object({
  /** Device-tree path of the controller (/gpio@fed80000). */
  path: z.string(),
  compatible: z.string(),
  /** gpiochipN and its label when a driver registered it, else null. */
  chip: z.string().nullable(),
  label: z.string().nullable(),
  base: int.nullable(),
  lines: z.array(GpioLineSchema),
}).strict();
export type GpioBank = z.infer<typeof GpioBankSchema>;

export const GpioLedSchema = z.object({
  path: z.string(),
  label: z.string(),
  bank: z.string(),
  line: int.min(0),
  active_low: z.boolean(),
  lit: z.boolean(),
}).strict();
export type GpioLed = z.infer<typeof GpioLedSchema>;

export const GpioBoardSchema = z.object({ nowNs: z.number(), banks: z.array(GpioBankSchema), leds: z.array(GpioLedSchema) }).strict();
export type GpioBoard = z.infer<typeof GpioBoardSchema>;

export const gpioApi = methodSchemas({
  /** The breadboard: controllers, lines and LEDs as hardware and kernel see them now. */
  'gpio.board': { params: z.object({}).strict(), result: GpioBoardSchema },
  /**
   * Drives an input pin of a controller (a button pressed or released) and lets
   * the kernel handle the edge. EINVAL names what was wrong: no such controller
   * or line, or a line the controller drives as an output.
   */
  'gpio.set_input': {
    params: z.object({ bank: z.string().min(1).max(200), line: int.min(0).max(31), level: z.union([z.literal(0), z.literal(1)]) }).strict(),
    result: GpioBoardSchema,
  },
});
