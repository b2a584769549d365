// Models linux/drivers/input/serio/libps2.c: PS/2 commands — send a byte and wait for its ACK, then collect the response bytes the interrupt handler hands over.
import type { KGen } from '../../../include/linux/sched.ts';
import { EPROTO, ETIMEDOUT } from '../../../include/uapi/asm-generic/errno.ts';
import { wait_queue_head, wait_event_timeout, wake_up } from '../../../kernel/sched/wait.ts';
import { NSEC_PER_MSEC } from '../../../kernel/time/timekeeping.ts';
import { serio_write, type serio } from './serio.ts';

export const PS2_RET_ID = 0x00, PS2_RET_ACK = 0xfa, PS2_RET_NAK = 0xfe, PS2_RET_ERR = 0xfc;
export const PS2_FLAG_ACK = 1, PS2_FLAG_CMD = 2, PS2_FLAG_CMD1 = 4, PS2_FLAG_WAITID = 8, PS2_FLAG_NAK = 16;
export const PS2_CMD_GETID = 0x02f2, PS2_CMD_RESET_BAT = 0x02ff;

export interface ps2dev {
  serio: serio;
  flags: number;
  /** Response bytes still expected; cmdbuf fills from the end (libps2's order). */
  cmdcnt: number;
  cmdbuf: number[];
  /** 0 after an ACK, else the error the last byte got. */
  nak: number;
  wait: wait_queue_head;
}

export function ps2_init(serio: serio): ps2dev {
  return { serio, flags: 0, cmdcnt: 0, cmdbuf: new Array(8).fill(0), nak: 0, wait: new wait_queue_head('ps2dev') };
}

/** ps2_sendbyte(): writes one byte and waits (at most `timeout_ms`) for the device's ACK. */
export function* ps2_sendbyte(d: ps2dev, byte: number, timeout_ms: number): KGen<number> {
  d.nak = 1;
  d.flags |= PS2_FLAG_ACK;
  if (serio_write(d.serio, byte) === 0) {
    yield* wait_event_timeout(d.wait, () => !(d.flags & PS2_FLAG_ACK), timeout_ms * NSEC_PER_MSEC);
  }
  d.flags &= ~PS2_FLAG_ACK;
  return d.nak === 1 ? -ETIMEDOUT : -d.nak;
}

/** __ps2_command(): command byte, its parameters, then `receive` response bytes into param (byte count in bits 8-11, parameter count in 12-15). */
export function* __ps2_command(d: ps2dev, param: number[], command: number): KGen<number> {
  const send = (command >> 12) & 0xf;
  const receive = (command >> 8) & 0xf;
  d.flags = receive ? PS2_FLAG_CMD | PS2_FLAG_CMD1 : PS2_FLAG_CMD;
  if (command === PS2_CMD_GETID) d.flags |= PS2_FLAG_WAITID;
  d.cmdcnt = receive;
  let rc = yield* ps2_sendbyte(d, command & 0xff, command === PS2_CMD_RESET_BAT ? 1000 : 200);
  for (let i = 0; !rc && i < send; i++) rc = yield* ps2_sendbyte(d, param[i] ?? 0, 200);
  if (!rc) {
    // The first response byte may take long (a reset's self test); the rest follow quickly.
    yield* wait_event_timeout(d.wait, () => !(d.flags & PS2_FLAG_CMD1), (command === PS2_CMD_RESET_BAT ? 4000 : 500) * NSEC_PER_MSEC);
    if (d.cmdcnt && !(d.flags & PS2_FLAG_CMD1)) yield* wait_event_timeout(d.wait, () => !(d.flags & PS2_FLAG_CMD), 100 * NSEC_PER_MSEC);
    for (let i = 0; i < receive; i++) param[i] = d.cmdbuf[receive - 1 - i]!;
    if (d.cmdcnt && (command !== PS2_CMD_RESET_BAT || d.cmdcnt !== 1)) rc = -EPROTO;
  }
  d.flags = 0;
  return rc;
}

export const ps2_command = __ps2_command;

/** ps2_handle_ack(): in the interrupt handler while a byte waits for its ACK; a GETID reply without ACK counts as one. */
export function ps2_handle_ack(d: ps2dev, data: number): boolean {
  switch (data) {
    case PS2_RET_ACK: d.nak = 0; break;
    case PS2_RET_NAK: d.flags |= PS2_FLAG_NAK; d.nak = PS2_RET_NAK; break;
    case PS2_RET_ERR:
      if (d.flags & PS2_FLAG_NAK) { d.flags &= ~PS2_FLAG_NAK; d.nak = PS2_RET_ERR; break; }
      if (d.flags & PS2_FLAG_WAITID) { d.nak = 0; break; } // an error byte after GETID is its answer
      return false;
    default:
      if (d.flags & PS2_FLAG_WAITID) { d.nak = 0; break; }
      return false; // not an ACK: a scancode arrived while we wait
  }
  if (!d.nak) d.flags &= ~PS2_FLAG_NAK;
  d.flags &= ~PS2_FLAG_ACK;
  wake_up(d.wait);
  if (data !== PS2_RET_ACK) ps2_handle_response(d, data);
  return true;
}

/** ps2_handle_response(): a response byte of the command in flight. */
export function ps2_handle_response(d: ps2dev, data: number): boolean {
  if (d.cmdcnt) d.cmdbuf[--d.cmdcnt] = data;
  if (d.flags & PS2_FLAG_CMD1) {
    d.flags &= ~PS2_FLAG_CMD1;
    if (d.cmdcnt) wake_up(d.wait);
  }
  if (!d.cmdcnt) {
    d.flags &= ~PS2_FLAG_CMD;
    wake_up(d.wait);
  }
  return true;
}

