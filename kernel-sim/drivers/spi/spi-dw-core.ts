// Models linux/drivers/spi/spi-dw-core.c: the DesignWare SSI host core in polling mode (no IRQ): hardware init with FIFO-depth detection, chip selects through SER, and transfers through the FIFOs.
import type { KGen } from '../../include/linux/sched.ts';
import { EIO, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { readl, writel } from '../../arch/x86/io.ts';
import { account_ns } from '../../kernel/time/timekeeping.ts';
import type { device } from '../base/base.ts';
import { dev_dbg, dev_err } from '../base/core.ts';
import {
  type spi_controller, type spi_device, type spi_transfer, SPI_CPHA, SPI_CPOL, SPI_LOOP, SPI_CS_HIGH, SPI_BPW_RANGE_MASK,
  spi_alloc_master, spi_register_controller, spi_unregister_controller,
} from './spi.ts';

export const DW_SPI_CTRLR0 = 0x00, DW_SPI_CTRLR1 = 0x04, DW_SPI_SSIENR = 0x08, DW_SPI_SER = 0x10, DW_SPI_BAUDR = 0x14, DW_SPI_TXFTLR = 0x18;
export const DW_SPI_TXFLR = 0x20, DW_SPI_RXFLR = 0x24, DW_SPI_SR = 0x28, DW_SPI_IMR = 0x2c, DW_SPI_ISR = 0x30, DW_SPI_RISR = 0x34, DW_SPI_ICR = 0x48;
export const DW_SPI_VERSION = 0x5c, DW_SPI_DR = 0x60;
const DW_PSSI_CTRLR0_SCPHA = 1 << 6, DW_PSSI_CTRLR0_SCPOL = 1 << 7, DW_PSSI_CTRLR0_SRL = 1 << 11, DW_PSSI_CTRLR0_DFS_MASK = 0xf;
const DW_PSSI_CTRLR0_TMOD_SHIFT = 8, DW_SPI_CTRLR0_TMOD_TR = 0;
const DW_SPI_INT_TXOI = 1 << 1, DW_SPI_INT_RXUI = 1 << 2, DW_SPI_INT_RXOI = 1 << 3;
export const DW_SPI_CAP_DFS32 = 1 << 1;

/** struct dw_spi: the host's state. */
export interface dw_spi {
  master: spi_controller | null;
  regs: number;
  /** 0 when polling (IRQ_NOTCONNECTED). */
  irq: number;
  bus_num: number;
  num_cs: number;
  max_freq: number;
  fifo_len: number;
  ver: number;
  caps: number;
  current_freq: number;
  cur_rx_sample_dly: number;
}

const dw_readl = (dws: dw_spi, off: number): number => readl(dws.regs + off);
const dw_writel = (dws: dw_spi, off: number, v: number): void => writel(v, dws.regs + off);
const dw_spi_enable_chip = (dws: dw_spi, enable: boolean): void => dw_writel(dws, DW_SPI_SSIENR, enable ? 1 : 0);
function dw_spi_mask_intr(dws: dw_spi, mask: number): void { dw_writel(dws, DW_SPI_IMR, dw_readl(dws, DW_SPI_IMR) & ~mask); }

/** dw_spi_reset_chip(): disabled, interrupts masked and cleared, no chip select, enabled again. */
function dw_spi_reset_chip(dws: dw_spi): void {
  dw_spi_enable_chip(dws, false);
  dw_spi_mask_intr(dws, 0xff);
  dw_readl(dws, DW_SPI_ICR);
  dw_writel(dws, DW_SPI_SER, 0);
  dw_spi_enable_chip(dws, true);
}

const byte = (v: number, i: number): string => String.fromCharCode((v >>> (8 * i)) & 0xff);

/** dw_spi_hw_init(): the IP version, the FIFO depth (the highest TXFTLR that reads back) and the DFS field width. */
function dw_spi_hw_init(dev: device, dws: dw_spi): void {
  dw_spi_reset_chip(dws);
  if (!dws.ver) {
    dws.ver = dw_readl(dws, DW_SPI_VERSION);
    dev_dbg(dev, `Synopsys DWC APB SSI v${byte(dws.ver, 3)}.${byte(dws.ver, 2)}${byte(dws.ver, 1)}`);
  }
  if (!dws.fifo_len) {
    let fifo = 1;
    for (; fifo < 256; fifo++) {
      dw_writel(dws, DW_SPI_TXFTLR, fifo);
      if (fifo !== dw_readl(dws, DW_SPI_TXFTLR)) break;
    }
    dw_writel(dws, DW_SPI_TXFTLR, 0);
    dws.fifo_len = fifo === 1 ? 0 : fifo;
    dev_dbg(dev, `Detected FIFO size: ${dws.fifo_len} bytes`);
  }
  const tmp = dw_readl(dws, DW_SPI_CTRLR0);
  dw_spi_enable_chip(dws, false);
  dw_writel(dws, DW_SPI_CTRLR0, 0xffffffff);
  const cr0 = dw_readl(dws, DW_SPI_CTRLR0);
  dw_writel(dws, DW_SPI_CTRLR0, tmp);
  dw_spi_enable_chip(dws, true);
  if (!(cr0 & DW_PSSI_CTRLR0_DFS_MASK)) {
    dws.caps |= DW_SPI_CAP_DFS32;
    dev_dbg(dev, 'Detected 32-bits max data frame size');
  }
}

/** dw_spi_set_cs(): SER selects the chip while the line is at its active level. */
function dw_spi_set_cs(spi: spi_device, enable: boolean): void {
  const dws = spi.controller.devdata as dw_spi;
  const cs_high = (spi.mode & SPI_CS_HIGH) !== 0;
  dw_writel(dws, DW_SPI_SER, cs_high === enable ? 1 << spi.chip_select : 0);
}

/** dw_spi_prepare_cr0(): Motorola SPI frames, clock polarity and phase, and the loopback bit. */
function dw_spi_prepare_cr0(spi: spi_device): number {
  let cr0 = 0;
  if (spi.mode & SPI_CPOL) cr0 |= DW_PSSI_CTRLR0_SCPOL;
  if (spi.mode & SPI_CPHA) cr0 |= DW_PSSI_CTRLR0_SCPHA;
  if (spi.mode & SPI_LOOP) cr0 |= DW_PSSI_CTRLR0_SRL;
  return cr0;
}

function dw_spi_setup(spi: spi_device): number {
  spi.controller_state = { cr0: dw_spi_prepare_cr0(spi) };
  return 0;
}

/** dw_spi_update_config(): frame size, transfer mode and the clock divider (even, rounded up) for the transfer's speed. */
function dw_spi_update_config(dws: dw_spi, spi: spi_device, dfs: number, freq: number): void {
  const chip = spi.controller_state as { cr0: number };
  dw_writel(dws, DW_SPI_CTRLR0, chip.cr0 | (dfs - 1) | (DW_SPI_CTRLR0_TMOD_TR << DW_PSSI_CTRLR0_TMOD_SHIFT));
  const clk_div = (Math.ceil(dws.max_freq / freq) + 1) & 0xfffe;
  const speed_hz = Math.floor(dws.max_freq / clk_div);
  if (dws.current_freq !== speed_hz) {
    dw_writel(dws, DW_SPI_BAUDR, clk_div);
    dws.current_freq = speed_hz;
  }
}

/** dw_spi_check_status(): FIFO overflow or underflow ends the transfer with -EIO. */
function dw_spi_check_status(dws: dw_spi, master: spi_controller): number {
  const irq_status = dw_readl(dws, DW_SPI_RISR);
  let ret = 0;
  if (irq_status & DW_SPI_INT_RXOI) { dev_err(master.dev, 'RX FIFO overflow detected'); ret = -EIO; }
  if (irq_status & DW_SPI_INT_RXUI) { dev_err(master.dev, 'RX FIFO underflow detected'); ret = -EIO; }
  if (irq_status & DW_SPI_INT_TXOI) { dev_err(master.dev, 'TX FIFO overflow detected'); ret = -EIO; }
  if (ret) { dw_readl(dws, DW_SPI_ICR); dw_spi_reset_chip(dws); }
  return ret;
}

/** dw_spi_poll_transfer(): fill the TX FIFO, wait the bits' time on the wire, drain the RX FIFO, until every word came back. */
function dw_spi_poll_transfer(dws: dw_spi, master: spi_controller, xfer: spi_transfer): number {
  const n_bytes = xfer.bits_per_word! <= 8 ? 1 : xfer.bits_per_word! <= 16 ? 2 : 4;
  const words = xfer.len / n_bytes;
  let tx_len = words, rx_len = words, ti = 0, ri = 0;
  const word = (b: Uint8Array, i: number): number => { let v = 0; for (let k = n_bytes - 1; k >= 0; k--) v = v * 256 + b[i * n_bytes + k]!; return v; };
  const put = (b: Uint8Array, i: number, v: number): void => { for (let k = 0; k < n_bytes; k++) b[i * n_bytes + k] = (v >>> (8 * k)) & 0xff; };
  do {
    // dw_writer: no more than the TX FIFO takes, nor more than the RX FIFO has room for.
    const tx_room = dws.fifo_len - dw_readl(dws, DW_SPI_TXFLR);
    const rxtx_gap = dws.fifo_len - (rx_len - tx_len);
    const wmax = Math.min(tx_len, tx_room, rxtx_gap);
    for (let i = 0; i < wmax; i++, ti++, tx_len--) dw_writel(dws, DW_SPI_DR, xfer.tx_buf ? word(xfer.tx_buf, ti) : 0);
    // spi_delay_exec: the words in flight take nbits / current_freq each; the CPU spins meanwhile.
    account_ns(Math.ceil(((n_bytes * 8 * (rx_len - tx_len)) * 1e9) / Math.max(1, dws.current_freq)));
    // dw_reader
    const rmax = Math.min(rx_len, dw_readl(dws, DW_SPI_RXFLR));
    for (let i = 0; i < rmax; i++, ri++, rx_len--) {
      const v = dw_readl(dws, DW_SPI_DR);
      if (xfer.rx_buf) put(xfer.rx_buf, ri, v);
    }
    const ret = dw_spi_check_status(dws, master);
    if (ret) return ret;
    if (!wmax && !rmax) { dev_err(master.dev, 'the controller stopped shifting words'); return -EIO; }
  } while (rx_len);
  return 0;
}

/** dw_spi_transfer_one(): reprogram for the transfer (only while disabled), then run it by polling. */
function* dw_spi_transfer_one(master: spi_controller, spi: spi_device, xfer: spi_transfer): KGen<number> {
  const dws = master.devdata as dw_spi;
  if (!xfer.speed_hz) return -EINVAL;
  dw_spi_enable_chip(dws, false);
  dw_spi_update_config(dws, spi, xfer.bits_per_word!, xfer.speed_hz);
  xfer.effective_speed_hz = dws.current_freq;
  dw_spi_enable_chip(dws, true);
  return dw_spi_poll_transfer(dws, master, xfer);
}

/** dw_spi_add_host(): the controller with the host's capabilities, then spi_register_controller. */
export function* dw_spi_add_host(dev: device, dws: dw_spi): KGen<number> {
  const master = spi_alloc_master(dev, dws);
  dws.master = master;
  master.mode_bits = SPI_CPOL | SPI_CPHA | SPI_LOOP;
  master.bus_num = dws.bus_num;
  master.num_chipselect = dws.num_cs;
  master.setup = dw_spi_setup;
  master.set_cs = dw_spi_set_cs;
  master.transfer_one = dw_spi_transfer_one;
  master.max_speed_hz = dws.max_freq;
  master.min_speed_hz = Math.floor(dws.max_freq / 0xfffe);
  master.dev.of_node = dev.of_node;
  dw_spi_hw_init(dev, dws);
  master.bits_per_word_mask = dws.caps & DW_SPI_CAP_DFS32 ? SPI_BPW_RANGE_MASK(4, 32) : SPI_BPW_RANGE_MASK(4, 16);
  const ret = yield* spi_register_controller(master);
  if (ret) {
    dev_err(master.dev, `problem registering spi master`);
    dw_spi_enable_chip(dws, false);
    return ret;
  }
  return 0;
}

export function* dw_spi_remove_host(dws: dw_spi): KGen<void> {
  if (dws.master) yield* spi_unregister_controller(dws.master);
  dw_spi_mask_intr(dws, 0xff);
  dw_spi_enable_chip(dws, false);
}
