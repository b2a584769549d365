// Models QEMU hw/block/m25p80.c for one part: a Winbond W25Q32 serial NOR flash (4 MiB, JEDEC ID ef 40 16) on an SPI chip select.
//
// Commands as the datasheet gives them: RDID (9f), READ (03), FAST_READ (0b),
// WREN/WRDI (06/04), RDSR/RDSR2 (05/35), WRSR (01), PP (02, up to a 256-byte
// page, programmed when chip select rises), SE (20, 4 KiB), BE (d8, 64 KiB),
// CE (c7/60), REMS (90), RDP/RES (ab), DP (b9). Programming only clears bits;
// erasing sets them to 1. Program and erase keep the part busy (SR1.WIP) for
// their typical times in virtual time, and WEL must be set first (else the
// command is ignored, as on the part).
import type { DTNode } from '../../scripts/dtc/livetree.ts';
import { prop_u32 } from '../../scripts/dtc/livetree.ts';
import type { HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_json, vmstate_info_scalar } from '../core/vmstate.ts';
import { SSIPeripheral, SPI_CPHA, SPI_CPOL, type SSITypeInfo } from './ssi.ts';

export const W25Q32_JEDEC = [0xef, 0x40, 0x16] as const;
export const W25Q32_SIZE = 4 * 1024 * 1024;
const PAGE = 256, SECTOR = 4096, BLOCK = 65536;
/** Typical times (W25Q32JV datasheet, table 9.7). */
const T_PP_NS = 400_000, T_SE_NS = 45_000_000, T_BE_NS = 150_000_000, T_CE_NS = 10_000_000_000;
const SR_WIP = 0x01, SR_WEL = 0x02;

/** Where in a command the part is (m25p80.c's CMDState). */
type phase = 'idle' | 'addr' | 'dummy' | 'read' | 'program' | 'id' | 'status' | 'status2' | 'wrsr' | 'ignore';

export class M25P80State extends SSIPeripheral {
  readonly type_info = { name: 'w25q32', desc: 'Winbond W25Q32 SPI NOR flash' };
  readonly spi_modes = [0, SPI_CPHA | SPI_CPOL];
  /** Erased 4 KiB sectors are absent (read as 0xff); written ones hold their bytes. */
  sectors: Record<number, number[]> = {};
  sr1 = 0;
  sr2 = 0;
  busy_until_ns = 0;
  powered_down = false;
  private cmd = 0;
  private phase: phase = 'idle';
  private addr = 0;
  private addr_bytes = 0;
  private pos = 0;
  private page_buf: number[] = [];

  constructor(ctx: HwContext, id: string, readonly size = W25Q32_SIZE) { super(ctx, id); }

  private busy(): boolean { return this.ctx.clock.now_ns() < this.busy_until_ns; }
  private status1(): number { return (this.sr1 & ~SR_WIP) | (this.busy() ? SR_WIP : 0); }

  read_byte(a: number): number {
    a %= this.size;
    const s = this.sectors[Math.floor(a / SECTOR)];
    return s ? s[a % SECTOR]! : 0xff;
  }

  /** Flash programming: each bit can only go from 1 to 0. */
  private program_byte(a: number, v: number): void {
    a %= this.size;
    const i = Math.floor(a / SECTOR);
    const s = (this.sectors[i] ??= new Array<number>(SECTOR).fill(0xff));
    s[a % SECTOR] = s[a % SECTOR]! & v;
  }

  private erase(a: number, len: number): void {
    const first = Math.floor((a % this.size) / len) * len;
    for (let s = first; s < first + len; s += SECTOR) delete this.sectors[s / SECTOR];
  }

  private start_busy(ns: number): void {
    this.busy_until_ns = this.ctx.clock.now_ns() + ns;
    this.sr1 &= ~SR_WEL;
  }

  set_cs(select: boolean): void {
    if (select) { this.phase = 'idle'; this.pos = 0; return; }
    // Chip select rising ends the command: a page program writes its buffer now.
    if (this.cmd === 0x02 && this.phase === 'program' && this.page_buf.length) {
      const base = this.addr & ~(PAGE - 1);
      this.page_buf.forEach((v, i) => this.program_byte(base + ((this.addr + i) % PAGE), v));
      this.start_busy(T_PP_NS);
    }
    this.page_buf = [];
    this.phase = 'idle';
  }

  transfer(tx: number): number {
    switch (this.phase) {
      case 'idle': return this.decode(tx);
      case 'id': { const i = this.pos++; return this.cmd === 0x90 ? [0xef, 0x15][i % 2]! : this.cmd === 0xab ? 0x15 : (W25Q32_JEDEC[i] ?? 0x00); }
      case 'status': return this.status1();
      case 'status2': return this.sr2;
      case 'wrsr': this.sr1 = (this.sr1 & (SR_WIP | SR_WEL)) | (tx & 0xfc); this.phase = 'ignore'; this.start_busy(T_PP_NS); return 0xff;
      case 'addr': return this.collect_addr(tx);
      case 'dummy': this.phase = 'read'; return 0xff;
      case 'read': return this.read_byte(this.addr++);
      case 'program': if (this.page_buf.length < PAGE) this.page_buf.push(tx); else { this.page_buf.shift(); this.page_buf.push(tx); } return 0xff;
      default: return 0xff;
    }
  }

  /** The first byte after chip select: the command. */
  private decode(cmd: number): number {
    this.cmd = cmd;
    this.pos = 0;
    if (this.powered_down && cmd !== 0xab) { this.phase = 'ignore'; return 0xff; }
    const busy = this.busy();
    // While a program or erase runs, the part answers only status reads.
    if (busy && cmd !== 0x05 && cmd !== 0x35) { this.phase = 'ignore'; return 0xff; }
    switch (cmd) {
      case 0x9f: this.phase = 'id'; break;
      case 0xab: this.powered_down = false; this.phase = 'addr'; this.addr_bytes = 3; break;
      case 0x90: this.phase = 'addr'; this.addr_bytes = 3; break;
      case 0x05: this.phase = 'status'; break;
      case 0x35: this.phase = 'status2'; break;
      case 0x06: this.sr1 |= SR_WEL; this.phase = 'ignore'; break;
      case 0x04: this.sr1 &= ~SR_WEL; this.phase = 'ignore'; break;
      case 0x01: this.phase = this.sr1 & SR_WEL ? 'wrsr' : 'ignore'; break;
      case 0x03: case 0x0b: case 0x02: case 0x20: case 0xd8: this.phase = 'addr'; this.addr_bytes = 3; this.addr = 0; break;
      case 0xc7: case 0x60: if (this.sr1 & SR_WEL) { this.sectors = {}; this.start_busy(T_CE_NS); } this.phase = 'ignore'; break;
      case 0xb9: this.powered_down = true; this.phase = 'ignore'; break;
      default: this.guest_error('unimplemented', `${this.id}: command 0x${cmd.toString(16).padStart(2, '0')} is not implemented; ignored`); this.phase = 'ignore';
    }
    return 0xff;
  }

  private collect_addr(tx: number): number {
    this.addr = ((this.addr << 8) | tx) & 0xffffff;
    if (++this.pos < this.addr_bytes) return 0xff;
    this.pos = 0;
    const wel = (this.sr1 & SR_WEL) !== 0;
    switch (this.cmd) {
      case 0x03: this.phase = 'read'; break;
      case 0x0b: this.phase = 'dummy'; break;
      case 0x90: case 0xab: this.phase = 'id'; this.pos = this.cmd === 0x90 ? this.addr & 1 : 0; break;
      case 0x02: this.phase = wel ? 'program' : 'ignore'; this.page_buf = []; break;
      case 0x20: if (wel) { this.erase(this.addr, SECTOR); this.start_busy(T_SE_NS); } this.phase = 'ignore'; break;
      case 0xd8: if (wel) { this.erase(this.addr, BLOCK); this.start_busy(T_BE_NS); } this.phase = 'ignore'; break;
      default: this.phase = 'ignore';
    }
    return 0xff;
  }

  reset(): void {
    this.sr1 = 0;
    this.busy_until_ns = 0;
    this.powered_down = false;
    this.phase = 'idle';
    this.page_buf = [];
  }

  readonly vmsd: VMStateDescription<M25P80State> = {
    name: 'm25p80',
    fields: [['sectors', vmstate_info_json], ['sr1', vmstate_info_scalar], ['sr2', vmstate_info_scalar], ['busy_until_ns', vmstate_info_scalar], ['powered_down', vmstate_info_scalar]],
  };
}

export const types: SSITypeInfo[] = [{
  name: 'w25q32', compatible: 'jedec,spi-nor', bus: 'ssi',
  instance_init: (ctx, n: DTNode) => new M25P80State(ctx, n.name, prop_u32(n, 'kwb,size') ?? W25Q32_SIZE),
}];
