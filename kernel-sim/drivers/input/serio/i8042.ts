// Models linux/drivers/input/serio/i8042.c (with i8042-x86ia64io.h): the PC keyboard controller driver — finds the controller on ports 0x60/0x64, programs its command byte, checks the aux port, requests IRQ 1 and 12 and registers the KBD and AUX serio ports.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { EIO, ENODEV, ETIMEDOUT } from '../../../include/uapi/asm-generic/errno.ts';
import { inb, outb } from '../../../arch/x86/io.ts';
import { defineState } from '../../../kernel/state.ts';
import { pr_err, pr_info } from '../../../kernel/printk/printk.ts';
import { free_irq, request_irq } from '../../../kernel/irq/manage.ts';
import { irq_to_desc, IRQ_HANDLED, IRQ_NONE, IRQF_SHARED } from '../../../kernel/irq/irqdesc.ts';
import { generic_handle_irq_desc } from '../../../kernel/irq/handle.ts';
import { __platform_driver_register, type platform_device, type platform_driver } from '../../base/platform.ts';
import { run_sync } from '../../base/sync.ts';
import { SERIO_8042, SERIO_8042_XL, SERIO_PARITY, SERIO_TIMEOUT, __serio_register_port, serio_interrupt, type serio } from './serio.ts';

export const I8042_DATA_REG = 0x60, I8042_COMMAND_REG = 0x64, I8042_STATUS_REG = 0x64;
export const I8042_KBD_IRQ = 1, I8042_AUX_IRQ = 12;
export const I8042_STR_PARITY = 0x80, I8042_STR_TIMEOUT = 0x40, I8042_STR_AUXDATA = 0x20, I8042_STR_KEYLOCK = 0x10;
export const I8042_STR_IBF = 0x02, I8042_STR_OBF = 0x01;
export const I8042_CTR_KBDINT = 0x01, I8042_CTR_AUXINT = 0x02, I8042_CTR_IGNKEYLOCK = 0x08, I8042_CTR_KBDDIS = 0x10;
export const I8042_CTR_AUXDIS = 0x20, I8042_CTR_XLATE = 0x40;
/** Commands: the low byte goes to 0x64, bits 12-15 count parameter bytes, bits 8-11 reply bytes. */
export const I8042_CMD_CTL_RCTR = 0x0120, I8042_CMD_CTL_WCTR = 0x1060, I8042_CMD_CTL_TEST = 0x01aa;
export const I8042_CMD_AUX_SEND = 0x10d4, I8042_CMD_AUX_LOOP = 0x11d3;
const I8042_CTL_TIMEOUT = 10000;
const I8042_BUFFER_SIZE = 16;
const I8042_KBD_PORT_NO = 0, I8042_AUX_PORT_NO = 1;

interface i8042_port { serio: serio | null; irq: number; exists: boolean }

interface I8042State {
  ctr: number;
  initial_ctr: number;
  direct: boolean;
  ports: i8042_port[];
  pdev: platform_device | null;
  /** i8042_lock held (spin_lock_irqsave): this controller's interrupts wait until it is dropped. */
  locked: number;
  /** i8042_interrupt() is running: a byte it makes the controller raise waits for it to finish. */
  in_handler: boolean;
  deferred: Set<number>;
  kbd_irq_registered: boolean;
  aux_irq_registered: boolean;
}
const st = defineState<I8042State>('i8042', () => ({
  ctr: 0, initial_ctr: 0, direct: false, ports: [{ serio: null, irq: 0, exists: false }, { serio: null, irq: 0, exists: false }], pdev: null,
  locked: 0, in_handler: false, deferred: new Set(), kbd_irq_registered: false, aux_irq_registered: false,
}));

/** spin_lock_irqsave(&i8042_lock): the CPU takes no i8042 interrupt meanwhile; one that came in runs at unlock. */
function i8042_lock<R>(fn: () => R): R {
  const s = st();
  s.locked++;
  try { return fn(); } finally {
    s.locked--;
    i8042_replay();
  }
}

/** Interrupts held off by the lock (or raised while the handler ran) are taken now, one byte at a time, in order. */
function i8042_replay(): void {
  const s = st();
  while (!s.locked && !s.in_handler && s.deferred.size) {
    const irq = s.deferred.values().next().value!;
    s.deferred.delete(irq);
    const desc = irq_to_desc(irq);
    if (desc) generic_handle_irq_desc(desc);
  }
}

const i8042_read_status = (): number => inb(I8042_STATUS_REG);
const i8042_read_data = (): number => inb(I8042_DATA_REG);

/** i8042_wait_read() / i8042_wait_write(): poll the status register (the controller answers at once here; a missing one never does). */
function i8042_wait_read(): number {
  for (let i = 0; i < I8042_CTL_TIMEOUT; i++) if (i8042_read_status() & I8042_STR_OBF) return 0;
  return -ETIMEDOUT;
}
function i8042_wait_write(): number {
  for (let i = 0; i < I8042_CTL_TIMEOUT; i++) if (!(i8042_read_status() & I8042_STR_IBF)) return 0;
  return -ETIMEDOUT;
}

/** i8042_flush(): reads and drops what is in the output buffer; returns how many bytes (16 means no controller: the bus floats). */
function i8042_flush(): number {
  return i8042_lock(() => {
    let count = 0;
    while (i8042_read_status() & I8042_STR_OBF && count < I8042_BUFFER_SIZE) { i8042_read_data(); count++; }
    return count;
  });
}

/** __i8042_command(): a controller command with its parameter and reply bytes, under the lock. */
function i8042_command(param: number[], command: number): number {
  return i8042_lock(() => {
    let e = i8042_wait_write();
    if (e) return e;
    outb(command & 0xff, I8042_COMMAND_REG);
    for (let i = 0; i < ((command >> 12) & 0xf); i++) {
      e = i8042_wait_write();
      if (e) return e;
      outb(param[i]! & 0xff, I8042_DATA_REG);
    }
    for (let i = 0; i < ((command >> 8) & 0xf); i++) {
      e = i8042_wait_read();
      if (e) return e;
      if (command === I8042_CMD_AUX_LOOP && !(i8042_read_status() & I8042_STR_AUXDATA)) return -EIO;
      param[i] = i8042_read_data();
    }
    return 0;
  });
}

/** i8042_kbd_write(): a byte for the keyboard goes to the data port. */
function i8042_kbd_write(_port: serio, c: number): number {
  return i8042_lock(() => {
    const e = i8042_wait_write();
    if (!e) outb(c & 0xff, I8042_DATA_REG);
    return e;
  });
}

/** i8042_aux_write(): a byte for the mouse, through the controller's "write to aux" command. */
function i8042_aux_write(_port: serio, c: number): number { return i8042_command([c], I8042_CMD_AUX_SEND); }

function i8042_start(s: serio): number { st().ports[s.port_data as number]!.exists = true; return 0; }
function i8042_stop(s: serio): void { const p = st().ports[s.port_data as number]!; p.exists = false; }

/** i8042_interrupt(): a byte in the output buffer goes to the KBD or AUX port's serio (AUXDATA says which). */
function i8042_interrupt(irq: number): number {
  const s = st();
  if (s.locked || s.in_handler) { s.deferred.add(irq); return IRQ_HANDLED; }
  s.in_handler = true;
  let ret = IRQ_NONE;
  try {
    const str = i8042_read_status();
    if (str & I8042_STR_OBF) {
      const data = i8042_read_data();
      const dfl = (str & I8042_STR_PARITY ? SERIO_PARITY : 0) | (str & I8042_STR_TIMEOUT ? SERIO_TIMEOUT : 0);
      const port = s.ports[str & I8042_STR_AUXDATA ? I8042_AUX_PORT_NO : I8042_KBD_PORT_NO]!;
      if (port.exists && port.serio) serio_interrupt(port.serio, data, dfl);
      ret = IRQ_HANDLED;
    }
  } finally {
    s.in_handler = false;
  }
  i8042_replay();
  return ret;
}

/** i8042_controller_init(): a stable CTR read, keyboard disabled and its interrupt off until the port is set up; XLATE kept as the firmware left it. */
function i8042_controller_init(): number {
  const s = st();
  const ctr = [0, 0];
  let n = 0;
  do {
    if (n >= 10) { pr_err('i8042: Unable to get stable CTR read'); return -EIO; }
    const p = [0];
    if (i8042_command(p, I8042_CMD_CTL_RCTR)) { pr_err('i8042: Can\'t read CTR while initializing i8042'); return -EIO; }
    ctr[n++ % 2] = p[0]!;
  } while (n < 2 || ctr[0] !== ctr[1]);
  s.initial_ctr = s.ctr = ctr[0]!;
  s.ctr |= I8042_CTR_KBDDIS;
  s.ctr &= ~I8042_CTR_KBDINT;
  if (~i8042_read_status() & I8042_STR_KEYLOCK) pr_info('i8042: Warning: Keylock active');
  if (~s.ctr & I8042_CTR_XLATE) s.direct = true;
  if (i8042_command([s.ctr], I8042_CMD_CTL_WCTR)) { pr_err('i8042: Can\'t write CTR while initializing i8042'); return -EIO; }
  i8042_flush();
  return 0;
}

const write_ctr = (): number => i8042_command([st().ctr], I8042_CMD_CTL_WCTR);

/** i8042_check_aux(): the aux port exists if a byte written with "loop to aux" comes back flagged as aux data. */
function i8042_check_aux(): number {
  const s = st();
  i8042_flush();
  s.ctr &= ~I8042_CTR_AUXDIS;
  s.ctr &= ~I8042_CTR_AUXINT;
  if (write_ctr()) return -1;
  const param = [0x5a];
  const r = i8042_command(param, I8042_CMD_AUX_LOOP);
  s.ctr |= I8042_CTR_AUXDIS;
  write_ctr();
  return r || param[0] !== 0x5a ? -1 : 0;
}

function i8042_create_port(no: number, name: string, phys: string, type: number, firmware_id: string, irq: number): serio {
  const port = st().ports[no]!;
  const s = {
    name, phys, firmware_id, id: { type, proto: 0, id: 0, extra: 0 }, write: no === I8042_KBD_PORT_NO ? i8042_kbd_write : i8042_aux_write,
    start: i8042_start, stop: i8042_stop, parent: null, port_data: no, drv: null, drvdata: null,
  } as unknown as serio;
  port.serio = s;
  port.irq = irq;
  return s;
}

const irq_handler = (irq: number): number => i8042_interrupt(irq);

/** i8042_setup_aux() / i8042_setup_kbd(): the port, its shared IRQ named "i8042", then its interrupt enabled in the CTR. */
function i8042_setup_port(no: number, irq: number, enable: number, disable: number): number {
  const s = st();
  const r = request_irq(irq, irq_handler, IRQF_SHARED, 'i8042', s.pdev);
  if (r) { s.ports[no]!.serio = null; return r; }
  if (no === I8042_KBD_PORT_NO) s.kbd_irq_registered = true; else s.aux_irq_registered = true;
  s.ctr &= ~disable;
  s.ctr |= enable;
  if (write_ctr()) {
    s.ctr &= ~enable;
    pr_err('i8042: Failed to enable port');
    free_irq(irq, s.pdev);
    return -EIO;
  }
  return 0;
}

/** i8042_probe(): controller init, aux and keyboard ports, then registration ("serio: i8042 KBD port at 0x60,0x64 irq 1"). */
function i8042_probe(pdev: platform_device): number {
  const s = st();
  s.pdev = pdev;
  const e = i8042_controller_init();
  if (e) return e;
  if (!i8042_check_aux()) {
    i8042_create_port(I8042_AUX_PORT_NO, 'i8042 AUX port', 'isa0060/serio1', SERIO_8042, 'PNP: PNP0f13', I8042_AUX_IRQ);
    if (i8042_setup_port(I8042_AUX_PORT_NO, I8042_AUX_IRQ, I8042_CTR_AUXINT, I8042_CTR_AUXDIS)) s.ports[I8042_AUX_PORT_NO]!.serio = null;
  }
  i8042_create_port(I8042_KBD_PORT_NO, 'i8042 KBD port', 'isa0060/serio0', s.direct ? SERIO_8042 : SERIO_8042_XL, 'PNP: PNP0303', I8042_KBD_IRQ);
  const r = i8042_setup_port(I8042_KBD_PORT_NO, I8042_KBD_IRQ, I8042_CTR_KBDINT, I8042_CTR_KBDDIS);
  if (r) return r;
  // i8042_register_ports(): the keyboard's port first, so it is serio0.
  for (const no of [I8042_KBD_PORT_NO, I8042_AUX_PORT_NO]) {
    const port = s.ports[no]!;
    if (!port.serio) continue;
    pr_info(`serio: ${port.serio.name} at 0x${I8042_DATA_REG.toString(16)},0x${I8042_COMMAND_REG.toString(16)} irq ${port.irq}`);
    __serio_register_port(port.serio, pdev.dev);
  }
  return 0;
}

const i8042_driver: platform_driver = { driver: { name: 'i8042', owner: null, suppress_bind_attrs: true }, probe: i8042_probe };

/** i8042_init(): the controller as the firmware describes it (PNP0303/PNP0f13), a flush to see it answers, then the platform driver. */
function i8042_init(): number {
  if (i8042_read_status() === 0xff) {
    pr_info('i8042: PNP: No PS/2 controller found.');
    return -ENODEV;
  }
  pr_info(`i8042: PNP: PS/2 Controller [PNP0303:KBD,PNP0f13:MOU] at 0x${I8042_DATA_REG.toString(16)},0x${I8042_COMMAND_REG.toString(16)} irq ${I8042_KBD_IRQ},${I8042_AUX_IRQ}`);
  if (i8042_flush() === I8042_BUFFER_SIZE) {
    pr_err('i8042: No controller found');
    return -ENODEV;
  }
  return run_sync(__platform_driver_register(i8042_driver, null), 'i8042_init');
}

export const initcalls: initcall_entry[] = [['device', 'i8042_init', i8042_init, 90_000]];
