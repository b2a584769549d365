// Models QEMU hw/i2c/pm_smbus.c: the Intel PIIX4/ICH SMBus host interface (HST_STS, HST_CNT, HST_CMD, XMIT_SLVA, HST_D0/D1, block data, AUX_CTL) running transactions on an I2C bus.
import { hex } from '../core/guest-error.ts';
import type { RegionOwner } from '../core/memory.ts';
import { type VMStateDescription, vmstate_info_numbers, vmstate_info_scalar } from '../core/vmstate.ts';
import type { I2CBus } from './core.ts';
import {
  smbus_quick_command, smbus_read_block, smbus_read_byte, smbus_read_word, smbus_receive_byte, smbus_send_byte, smbus_write_block,
  smbus_write_byte, smbus_write_word,
} from './smbus_master.ts';

/** Register offsets in the I/O BAR (i2c-i801.c's SMBHSTSTS ... SMBAUXCTL). */
export const SMBHSTSTS = 0x00, SMBHSTCNT = 0x02, SMBHSTCMD = 0x03, SMBHSTADD = 0x04, SMBHSTDAT0 = 0x05, SMBHSTDAT1 = 0x06;
export const SMBBLKDAT = 0x07, SMBPEC = 0x08, SMBAUXSTS = 0x0c, SMBAUXCTL = 0x0d;

/** HST_STS bits. */
export const STS_HOST_BUSY = 1 << 0, STS_INTR = 1 << 1, STS_DEV_ERR = 1 << 2, STS_BUS_ERR = 1 << 3, STS_FAILED = 1 << 4;
export const STS_SMBALERT = 1 << 5, STS_INUSE_STS = 1 << 6, STS_BYTE_DONE = 1 << 7;
/** HST_CNT bits; bits 2-4 select the protocol. */
export const CTL_INTREN = 1 << 0, CTL_KILL = 1 << 1, CTL_LAST_BYTE = 1 << 5, CTL_START = 1 << 6, CTL_PEC_EN = 1 << 7;
export const CTL_RETURN_MASK = 0x1f;
/** Protocols ((HST_CNT >> 2) & 7). */
export const PROT_QUICK = 0, PROT_BYTE = 1, PROT_BYTE_DATA = 2, PROT_WORD_DATA = 3, PROT_PROC_CALL = 4, PROT_BLOCK_DATA = 5, PROT_I2C_BLOCK_READ = 6;
/** AUX_CTL: E32B selects the 32-byte block buffer. */
export const AUX_PEC = 1 << 0, AUX_BLK = 1 << 1, AUX_MASK = 0x3;

const SMB_BLOCK_SIZE = 32;

/** PMSMBus: the host controller's registers and its block buffer. */
export class PMSMBus {
  smb_stat = 0;
  smb_ctl = 0;
  smb_cmd = 0;
  smb_addr = 0;
  smb_data0 = 0;
  smb_data1 = 0;
  smb_auxctl = 0;
  smb_index = 0;
  smb_data: number[] = new Array<number>(SMB_BLOCK_SIZE).fill(0);
  /** Transactions run, for tests and the trace. */
  transactions = 0;

  constructor(
    readonly owner: RegionOwner,
    readonly bus: I2CBus,
    /** The controller's interrupt output (INTx of the PCI function). */
    readonly set_irq: (level: number) => void,
    /** Whether HOSTC.HST_EN lets the host interface run (PCI config 0x40 bit 0). */
    readonly enabled: () => boolean,
  ) {}

  reset(): void {
    this.smb_stat = this.smb_ctl = this.smb_cmd = this.smb_addr = this.smb_data0 = this.smb_data1 = this.smb_auxctl = this.smb_index = 0;
    this.smb_data.fill(0);
    this.set_irq(0);
  }

  private update_irq(): void {
    this.set_irq(this.smb_ctl & CTL_INTREN && this.smb_stat & (STS_INTR | STS_DEV_ERR | STS_BUS_ERR | STS_FAILED) ? 1 : 0);
  }

  /** smb_transaction(): runs the protocol HST_CNT selects, completing at once (QEMU does the same). */
  private smb_transaction(): void {
    const prot = (this.smb_ctl >> 2) & 7;
    const read = (this.smb_addr & 1) === 1;
    const addr = this.smb_addr >> 1;
    const bus = this.bus;
    let ret: number;
    this.transactions++;
    switch (prot) {
      case PROT_QUICK: ret = smbus_quick_command(bus, addr, read); break;
      case PROT_BYTE:
        ret = read ? smbus_receive_byte(bus, addr) : smbus_send_byte(bus, addr, this.smb_cmd);
        if (read && ret >= 0) this.smb_data0 = ret;
        break;
      case PROT_BYTE_DATA:
        ret = read ? smbus_read_byte(bus, addr, this.smb_cmd) : smbus_write_byte(bus, addr, this.smb_cmd, this.smb_data0);
        if (read && ret >= 0) this.smb_data0 = ret;
        break;
      case PROT_WORD_DATA:
      case PROT_PROC_CALL:
        if (prot === PROT_PROC_CALL) {
          ret = smbus_write_word(bus, addr, this.smb_cmd, this.smb_data0 | (this.smb_data1 << 8));
          if (ret >= 0) ret = smbus_read_word(bus, addr, this.smb_cmd);
        } else ret = read ? smbus_read_word(bus, addr, this.smb_cmd) : smbus_write_word(bus, addr, this.smb_cmd, this.smb_data0 | (this.smb_data1 << 8));
        if ((read || prot === PROT_PROC_CALL) && ret >= 0) {
          this.smb_data0 = ret & 0xff;
          this.smb_data1 = (ret >> 8) & 0xff;
        }
        break;
      case PROT_BLOCK_DATA:
        ret = read ? this.block_in(smbus_read_block(bus, addr, this.smb_cmd, 0, false), true)
          : smbus_write_block(bus, addr, this.smb_cmd, this.smb_data.slice(0, Math.min(this.smb_data0, SMB_BLOCK_SIZE)), false);
        break;
      case PROT_I2C_BLOCK_READ:
        // As i2c-i801 programs it: HST_D1 carries the command, HST_D0 the length; the bytes land in the block buffer. Linux
        // leaves XMIT_SLVA's R/W bit clear for this read unless SPD Write Disable is set, so the bit is ignored (as QEMU does).
        ret = this.block_in(smbus_read_block(bus, addr, this.smb_data1, Math.min(this.smb_data0 || SMB_BLOCK_SIZE, SMB_BLOCK_SIZE), true), false);
        break;
      default:
        this.owner.guest_error('unimplemented', `${this.owner.id}: SMBus protocol ${prot} (HST_CNT ${hex(this.smb_ctl, 2)}) is not a host protocol`);
        ret = -1;
    }
    this.smb_stat |= ret < 0 ? STS_DEV_ERR : STS_INTR;
    this.update_irq();
  }

  /** Puts a block read's bytes in the buffer; an SMBus block also reports its count in HST_D0. */
  private block_in(bytes: number[] | null, counted: boolean): number {
    if (!bytes) return -1;
    bytes.forEach((b, i) => (this.smb_data[i] = b));
    if (counted) this.smb_data0 = bytes.length;
    this.smb_index = 0;
    return 0;
  }

  /** smb_ioport_writeb(). */
  ioport_writeb(addr: number, val: number): void {
    switch (addr) {
      case SMBHSTSTS:
        // Write 1 to clear; BYTE_DONE cleared moves the byte-by-byte buffer on.
        this.smb_stat &= ~(val & 0xfe);
        this.update_irq();
        break;
      case SMBHSTCNT:
        this.smb_ctl = val & ~CTL_START;
        if (val & CTL_KILL) {
          this.smb_stat |= STS_FAILED;
          this.update_irq();
          break;
        }
        if (val & CTL_START) {
          if (!this.enabled()) {
            this.owner.guest_error('access', `${this.owner.id}: transaction started with HOSTC.HST_EN clear (PCI config 0x40 bit 0); ignored`);
            break;
          }
          this.smb_transaction();
        }
        break;
      case SMBHSTCMD: this.smb_cmd = val; break;
      case SMBHSTADD: this.smb_addr = val; break;
      case SMBHSTDAT0: this.smb_data0 = val; break;
      case SMBHSTDAT1: this.smb_data1 = val; break;
      case SMBBLKDAT:
        this.smb_data[this.smb_index] = val;
        this.smb_index = (this.smb_index + 1) % SMB_BLOCK_SIZE;
        break;
      case SMBAUXCTL: this.smb_auxctl = val & AUX_MASK; break;
      case SMBPEC: case SMBAUXSTS: break;
      default:
        this.owner.guest_error('access', `${this.owner.id}: write of ${hex(val, 2)} at ${hex(addr, 2)} hits no register; ignored`);
    }
  }

  /** smb_ioport_readb(). */
  ioport_readb(addr: number): number {
    switch (addr) {
      case SMBHSTSTS: return this.smb_stat;
      case SMBHSTCNT:
        // Reading HST_CNT resets the block buffer index (ICH9 datasheet, HST_CNT).
        this.smb_index = 0;
        return this.smb_ctl & CTL_RETURN_MASK;
      case SMBHSTCMD: return this.smb_cmd;
      case SMBHSTADD: return this.smb_addr;
      case SMBHSTDAT0: return this.smb_data0;
      case SMBHSTDAT1: return this.smb_data1;
      case SMBBLKDAT: {
        const v = this.smb_data[this.smb_index] ?? 0;
        this.smb_index = (this.smb_index + 1) % SMB_BLOCK_SIZE;
        return v;
      }
      case SMBAUXCTL: return this.smb_auxctl;
      case SMBPEC: case SMBAUXSTS: return 0;
      default:
        this.owner.guest_error('access', `${this.owner.id}: read at ${hex(addr, 2)} hits no register; reads 0xff`);
        return 0xff;
    }
  }

  static readonly vmsd: VMStateDescription<PMSMBus> = {
    name: 'pmsmb',
    fields: [
      ['smb_stat', vmstate_info_scalar], ['smb_ctl', vmstate_info_scalar], ['smb_cmd', vmstate_info_scalar], ['smb_addr', vmstate_info_scalar],
      ['smb_data0', vmstate_info_scalar], ['smb_data1', vmstate_info_scalar], ['smb_auxctl', vmstate_info_scalar],
      ['smb_index', vmstate_info_scalar], ['smb_data', vmstate_info_numbers],
    ],
  };
}
