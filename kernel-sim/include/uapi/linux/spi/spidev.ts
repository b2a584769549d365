// Models include/uapi/linux/spi/spi.h and spidev.h: the SPI mode bits user space sets and the spidev ioctls with struct spi_ioc_transfer.
export const SPI_CPHA = 1 << 0, SPI_CPOL = 1 << 1;
export const SPI_CS_HIGH = 1 << 2, SPI_LSB_FIRST = 1 << 3, SPI_3WIRE = 1 << 4, SPI_LOOP = 1 << 5, SPI_NO_CS = 1 << 6, SPI_READY = 1 << 7;
export const SPI_TX_DUAL = 1 << 8, SPI_TX_QUAD = 1 << 9, SPI_RX_DUAL = 1 << 10, SPI_RX_QUAD = 1 << 11, SPI_CS_WORD = 1 << 12;
export const SPI_TX_OCTAL = 1 << 13, SPI_RX_OCTAL = 1 << 14, SPI_3WIRE_HIZ = 1 << 15, SPI_RX_CPHA_FLIP = 1 << 16;
/** The bits user space may set (SPI_MODE_USER_MASK). */
export const SPI_MODE_USER_MASK = (1 << 17) - 1;

export const SPI_IOC_MAGIC = 0x6b; // 'k'
/** sizeof(struct spi_ioc_transfer). */
export const SPI_IOC_TRANSFER_SIZE = 32;

const _IOC = (dir: number, nr: number, size: number): number => ((dir << 30) | (size << 16) | (SPI_IOC_MAGIC << 8) | nr) >>> 0;
const _IOR = (nr: number, size: number): number => _IOC(2, nr, size);
const _IOW = (nr: number, size: number): number => _IOC(1, nr, size);
/** SPI_MSGSIZE(N): the ioctl's size field holds N transfers when they fit in 14 bits, else 0. */
export const SPI_MSGSIZE = (n: number): number => (n * SPI_IOC_TRANSFER_SIZE < 1 << 14 ? n * SPI_IOC_TRANSFER_SIZE : 0);
export const SPI_IOC_MESSAGE = (n: number): number => _IOW(0, SPI_MSGSIZE(n));
export const SPI_IOC_RD_MODE = _IOR(1, 1), SPI_IOC_WR_MODE = _IOW(1, 1);
export const SPI_IOC_RD_LSB_FIRST = _IOR(2, 1), SPI_IOC_WR_LSB_FIRST = _IOW(2, 1);
export const SPI_IOC_RD_BITS_PER_WORD = _IOR(3, 1), SPI_IOC_WR_BITS_PER_WORD = _IOW(3, 1);
export const SPI_IOC_RD_MAX_SPEED_HZ = _IOR(4, 4), SPI_IOC_WR_MAX_SPEED_HZ = _IOW(4, 4);
export const SPI_IOC_RD_MODE32 = _IOR(5, 4), SPI_IOC_WR_MODE32 = _IOW(5, 4);

/** struct spi_ioc_transfer as plain fields. */
export interface spi_ioc_transfer {
  tx_buf: number; rx_buf: number; len: number; speed_hz: number; delay_usecs: number;
  bits_per_word: number; cs_change: number; tx_nbits: number; rx_nbits: number; word_delay_usecs: number;
}

/** The 32 little-endian bytes of one struct spi_ioc_transfer. */
export function spi_ioc_transfer_encode(t: spi_ioc_transfer): Uint8Array {
  const b = new Uint8Array(SPI_IOC_TRANSFER_SIZE);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0, BigInt(t.tx_buf), true);
  dv.setBigUint64(8, BigInt(t.rx_buf), true);
  dv.setUint32(16, t.len, true);
  dv.setUint32(20, t.speed_hz, true);
  dv.setUint16(24, t.delay_usecs, true);
  dv.setUint8(26, t.bits_per_word);
  dv.setUint8(27, t.cs_change);
  dv.setUint8(28, t.tx_nbits);
  dv.setUint8(29, t.rx_nbits);
  dv.setUint8(30, t.word_delay_usecs);
  return b;
}

export function spi_ioc_transfer_decode(b: Uint8Array, o = 0): spi_ioc_transfer {
  const dv = new DataView(b.buffer, b.byteOffset + o, SPI_IOC_TRANSFER_SIZE);
  return {
    tx_buf: Number(dv.getBigUint64(0, true)), rx_buf: Number(dv.getBigUint64(8, true)), len: dv.getUint32(16, true), speed_hz: dv.getUint32(20, true),
    delay_usecs: dv.getUint16(24, true), bits_per_word: dv.getUint8(26), cs_change: dv.getUint8(27), tx_nbits: dv.getUint8(28), rx_nbits: dv.getUint8(29),
    word_delay_usecs: dv.getUint8(30),
  };
}
