// Models include/linux/spi/spi.h and include/uapi/linux/spi/spi.h: SPI mode bits and the structs of the SPI core (controller, device, driver, message, transfer).
import type { KGen } from '../../include/linux/sched.ts';
import type { device, device_driver } from '../base/base.ts';
import type { mutex } from '../../kernel/locking/mutex.ts';

export {
  SPI_CPHA, SPI_CPOL, SPI_CS_HIGH, SPI_LSB_FIRST, SPI_3WIRE, SPI_LOOP, SPI_NO_CS, SPI_READY, SPI_TX_DUAL, SPI_TX_QUAD, SPI_RX_DUAL, SPI_RX_QUAD,
  SPI_CS_WORD, SPI_TX_OCTAL, SPI_RX_OCTAL, SPI_3WIRE_HIZ, SPI_RX_CPHA_FLIP, SPI_MODE_USER_MASK,
} from '../../include/uapi/linux/spi/spidev.ts';
import { SPI_CPHA, SPI_CPOL } from '../../include/uapi/linux/spi/spidev.ts';
export const SPI_MODE_0 = 0, SPI_MODE_1 = SPI_CPHA, SPI_MODE_2 = SPI_CPOL, SPI_MODE_3 = SPI_CPOL | SPI_CPHA;
/** Kernel-only mode bits (spi.h): no TX / no RX line. */
export const SPI_NO_TX = 1 << 31, SPI_NO_RX = 1 << 30;
export const SPI_NAME_SIZE = 32;
export const SPI_MODULE_PREFIX = 'spi:';
export const SPI_BPW_MASK = (bits: number): number => (bits === 32 ? 0x80000000 : 1 << (bits - 1)) >>> 0;
export const SPI_BPW_RANGE_MASK = (min: number, max: number): number => {
  let m = 0;
  for (let b = min; b <= max; b++) m |= SPI_BPW_MASK(b);
  return m >>> 0;
};
/** The length histogram's buckets (SPI_STATISTICS_HISTO_SIZE). */
export const SPI_STATISTICS_HISTO_SIZE = 17;

/** struct spi_statistics: what /sys/.../statistics shows, for a controller and for each device. */
export interface spi_statistics {
  messages: number; transfers: number; errors: number; timedout: number;
  spi_sync: number; spi_sync_immediate: number; spi_async: number;
  bytes: number; bytes_rx: number; bytes_tx: number;
  transfer_bytes_histo: number[];
  transfers_split_maxsize: number;
}

export function spi_statistics_alloc(): spi_statistics {
  return {
    messages: 0, transfers: 0, errors: 0, timedout: 0, spi_sync: 0, spi_sync_immediate: 0, spi_async: 0,
    bytes: 0, bytes_rx: 0, bytes_tx: 0, transfer_bytes_histo: new Array<number>(SPI_STATISTICS_HISTO_SIZE).fill(0), transfers_split_maxsize: 0,
  };
}

/** struct spi_device_id (mod_devicetable.h). */
export interface spi_device_id { name: string; driver_data?: unknown }

/** struct spi_transfer: one buffer pair clocked in one go; buffers are kernel-sim byte arrays the caller owns. */
export interface spi_transfer {
  tx_buf: Uint8Array | null;
  rx_buf: Uint8Array | null;
  len: number;
  /** Release chip select after this transfer (before the next, or keep it after the last). */
  cs_change?: boolean;
  tx_nbits?: number;
  rx_nbits?: number;
  bits_per_word?: number;
  speed_hz?: number;
  effective_speed_hz?: number;
  /** spi_transfer.delay in microseconds (SPI_DELAY_UNIT_USECS), after the transfer. */
  delay_usecs?: number;
  /** cs_change_delay in microseconds. */
  cs_change_delay_usecs?: number;
}

/** struct spi_message: transfers run back to back under one chip select. */
export interface spi_message {
  transfers: spi_transfer[];
  spi: spi_device | null;
  status: number;
  actual_length: number;
  /** Called once the message went out (spi_async); a C callback runs as a generator. */
  complete?: ((context: unknown) => void | KGen<void>) | null;
  context?: unknown;
}

export interface spi_controller {
  dev: device;
  /** spi%u: from the "spi" alias or the first free id. */
  bus_num: number;
  num_chipselect: number;
  mode_bits: number;
  bits_per_word_mask: number;
  min_speed_hz: number;
  max_speed_hz: number;
  flags: number;
  slave: boolean;
  /** The driver's private data (spi_controller_get_devdata). */
  devdata: unknown;
  setup?(spi: spi_device): number;
  cleanup?(spi: spi_device): void;
  /** Drives the chip-select line to `enable` (the level: false is low). */
  set_cs?(spi: spi_device, enable: boolean): void;
  transfer_one?(ctlr: spi_controller, spi: spi_device, xfer: spi_transfer): KGen<number>;
  /** The largest transfer and message the controller moves (none of the modelled controllers sets them: SIZE_MAX). */
  max_transfer_size?(spi: spi_device): number;
  max_message_size?(spi: spi_device): number;
  /** Taken around every message (io_mutex): one message on the wires at a time. */
  io_mutex: mutex;
  statistics: spi_statistics;
  /** Messages spi_async queued, run by the message pump. */
  queue: spi_message[];
  pump_running: boolean;
  registered: boolean;
}

export interface spi_device {
  dev: device;
  controller: spi_controller;
  max_speed_hz: number;
  chip_select: number;
  bits_per_word: number;
  mode: number;
  irq: number;
  modalias: string;
  driver_override: string | null;
  statistics: spi_statistics;
  controller_state?: unknown;
}

export interface spi_driver {
  id_table?: spi_device_id[];
  probe?(spi: spi_device): number | KGen<number>;
  remove?(spi: spi_device): void | KGen<void>;
  shutdown?(spi: spi_device): void;
  driver: device_driver;
}

export const to_spi_device = (dev: device): spi_device => dev.container as spi_device;
export const to_spi_driver = (drv: device_driver): spi_driver => (drv as unknown as { sdrv: spi_driver }).sdrv;
export const spi_get_drvdata = (spi: spi_device): unknown => spi.dev.driver_data;
export const spi_set_drvdata = (spi: spi_device, data: unknown): void => { spi.dev.driver_data = data; };
export const spi_controller_get_devdata = (c: spi_controller): unknown => c.devdata;
