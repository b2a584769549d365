// Models linux/tools/spi/spidev_test.c: sets the mode, word size and speed on /dev/spidevB.C, prints them, and runs one full-duplex transfer (the default pattern, -p "string", -i file) or -S size -I iterations.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, type parsed } from '../../lib/getopt.ts';
import { O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../../../include/uapi/stat.ts';
import {
  SPI_CPHA, SPI_CPOL, SPI_CS_HIGH, SPI_LSB_FIRST, SPI_3WIRE, SPI_LOOP, SPI_NO_CS, SPI_READY, SPI_TX_DUAL, SPI_TX_QUAD, SPI_TX_OCTAL,
  SPI_RX_DUAL, SPI_RX_QUAD, SPI_RX_OCTAL, SPI_IOC_MESSAGE, SPI_IOC_WR_MODE32, SPI_IOC_RD_MODE32, SPI_IOC_WR_BITS_PER_WORD, SPI_IOC_RD_BITS_PER_WORD,
  SPI_IOC_WR_MAX_SPEED_HZ, SPI_IOC_RD_MAX_SPEED_HZ, spi_ioc_transfer_encode,
} from '../../../include/uapi/linux/spi/spidev.ts';

const DEFAULT_TX = Uint8Array.of(
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x40, 0x00, 0x00, 0x00, 0x00, 0x95, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0, 0x0d,
);

const USAGE = `Usage: spidev_test [-DsbdlHOLC3vpNR24SI]
  -D --device   device to use (default /dev/spidev1.1)
  -s --speed    max speed (Hz)
  -d --delay    delay (usec)
  -b --bpw      bits per word
  -i --input    input data from a file (e.g. "test.bin")
  -o --output   output data to a file (e.g. "results.bin")
  -l --loop     loopback
  -H --cpha     clock phase
  -O --cpol     clock polarity
  -L --lsb      least significant bit first
  -C --cs-high  chip select active high
  -3 --3wire    SI/SO signals shared
  -v --verbose  Verbose (show tx buffer)
  -p            Send data (e.g. "1234\\xde\\xad")
  -N --no-cs    no chip select
  -R --ready    slave pulls low to pause
  -2 --dual     dual transfer
  -4 --quad     quad transfer
  -8 --octal    octal transfer
  -S --size     transfer size
  -I --iter     iterations

`;

const LONG: Record<string, string> = {
  'device=': 'D', 'speed=': 's', 'delay=': 'd', 'bpw=': 'b', 'input=': 'i', 'output=': 'o', loop: 'l', cpha: 'H', cpol: 'O', lsb: 'L',
  'cs-high': 'C', '3wire': '3', 'no-cs': 'N', ready: 'R', dual: '2', verbose: 'v', quad: '4', octal: '8', 'size=': 'S', 'iter=': 'I',
};
/** Flags that only set mode bits. */
const MODE_FLAGS: Record<string, number> = {
  l: SPI_LOOP, H: SPI_CPHA, O: SPI_CPOL, L: SPI_LSB_FIRST, C: SPI_CS_HIGH, 3: SPI_3WIRE, N: SPI_NO_CS, R: SPI_READY, 2: SPI_TX_DUAL, 4: SPI_TX_QUAD, 8: SPI_TX_OCTAL,
};

interface opts { device: string; mode: number; bits: number; speed: number; delay: number; verbose: boolean; input_tx?: string; input_file?: string; output_file?: string; size: number; iterations: number }

/** atoi(): leading digits, 0 for none. */
const atoi = (s: string): number => { const m = /^\s*([+-]?\d+)/.exec(s); return m ? Number(m[1]) : 0; };

function parse_opts(p: parsed): opts {
  const o: opts = { device: '/dev/spidev1.1', mode: 0, bits: 8, speed: 500000, delay: 0, verbose: false, size: 0, iterations: 0 };
  for (const [k, v] of p.opts) {
    if (MODE_FLAGS[k] !== undefined) o.mode |= MODE_FLAGS[k]!;
    else if (k === 'D') o.device = v;
    else if (k === 's') o.speed = atoi(v) >>> 0;
    else if (k === 'd') o.delay = atoi(v) & 0xffff;
    else if (k === 'b') o.bits = atoi(v) & 0xff;
    else if (k === 'i') o.input_file = v;
    else if (k === 'o') o.output_file = v;
    else if (k === 'v') o.verbose = true;
    else if (k === 'p') o.input_tx = v;
    else if (k === 'S') o.size = atoi(v);
    else if (k === 'I') o.iterations = atoi(v);
  }
  if (o.mode & SPI_LOOP) {
    if (o.mode & SPI_TX_DUAL) o.mode |= SPI_RX_DUAL;
    if (o.mode & SPI_TX_QUAD) o.mode |= SPI_RX_QUAD;
    if (o.mode & SPI_TX_OCTAL) o.mode |= SPI_RX_OCTAL;
  }
  return o;
}

/** hex_dump(): 32 bytes a line, "__ " padding on the last, then the printable characters. */
export function hex_dump(b: Uint8Array, line_size: number, prefix: string): string {
  let out = '';
  for (let i = 0; i < b.length; i += line_size) {
    const line = b.subarray(i, i + line_size);
    const hex = [...line].map((x) => `${x.toString(16).toUpperCase().padStart(2, '0')} `).join('') + '__ '.repeat(line_size - line.length);
    const text = [...line].map((c) => (c < 32 || c > 126 ? '.' : String.fromCharCode(c))).join('');
    out += `${prefix} | ${hex} |${text}|\n`;
  }
  return out;
}

/** unescape(): "\xNN" becomes the byte NN; everything else is copied. */
function unescape(s: string): Uint8Array | null {
  const out: number[] = [];
  const src = new TextEncoder().encode(s);
  for (let i = 0; i < src.length;) {
    if (src[i] === 0x5c && src[i + 1] === 0x78) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4));
      if (!m) return null;
      out.push(parseInt(m[0], 16));
      i += 4;
    } else out.push(src[i++]!);
  }
  return Uint8Array.from(out);
}

class Abort { constructor(readonly msg: string, readonly errno: number) {} }

/** pabort(): perror when errno is set, then abort(). */
function* pabort(c: Libc, e: Abort): KGen<number> {
  yield* c.write(e.errno ? 2 : 1, e.errno ? `${e.msg}: ${strerror(e.errno)}\n` : `${e.msg}\n`);
  yield* c.write(2, 'Aborted\n');
  return 134;
}

/** transfer(): one SPI_IOC_MESSAGE(1) with tx and rx buffers in this process's memory. */
function* transfer(c: Libc, fd: number, o: opts, tx: Uint8Array): KGen<{ rx: Uint8Array; out: string } | Abort> {
  return yield* c.scratch(function* () {
    const txp = c.put(tx);
    const rxp = c.alloc(tx.length);
    c.mem().fill(0, rxp, rxp + tx.length);
    const nbits = (tx_b: number, q: number, d: number): number => (o.mode & tx_b ? 8 : o.mode & q ? 4 : o.mode & d ? 2 : 0);
    let tx_buf = txp, rx_buf = rxp;
    if (!(o.mode & SPI_LOOP)) {
      if (o.mode & (SPI_TX_OCTAL | SPI_TX_QUAD | SPI_TX_DUAL)) rx_buf = 0;
      else if (o.mode & (SPI_RX_OCTAL | SPI_RX_QUAD | SPI_RX_DUAL)) tx_buf = 0;
    }
    const tr = spi_ioc_transfer_encode({
      tx_buf, rx_buf, len: tx.length, speed_hz: o.speed, delay_usecs: o.delay, bits_per_word: o.bits, cs_change: 0,
      tx_nbits: nbits(SPI_TX_OCTAL, SPI_TX_QUAD, SPI_TX_DUAL), rx_nbits: nbits(SPI_RX_OCTAL, SPI_RX_QUAD, SPI_RX_DUAL), word_delay_usecs: 0,
    });
    const [r] = yield* c.ioctl(fd, SPI_IOC_MESSAGE(1), tr);
    if (r < 1) return new Abort("can't send spi message", r < 0 ? -r : 0);
    const rx = c.get(rxp, tx.length);
    let out = o.verbose ? hex_dump(tx, 32, 'TX') : '';
    if (o.output_file) {
      const ofd = yield* c.open(o.output_file, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
      if (ofd < 0) return new Abort('could not open output file', -ofd);
      const w = yield* c.write(ofd, rx);
      yield* c.close(ofd);
      if (w !== rx.length) return new Abort('not all bytes written to output file', w < 0 ? -w : 0);
    }
    if (o.verbose) out += hex_dump(rx, 32, 'RX');
    return { rx, out };
  });
}

/** An ioctl passing a u8 or u32 in and reading one back: the value, or an Abort. */
function* ioctl_num(c: Libc, fd: number, cmd: number, v: number, size: 1 | 4, what: string): KGen<number | Abort> {
  const b = new Uint8Array(size);
  if (size === 1) b[0] = v; else new DataView(b.buffer).setUint32(0, v >>> 0, true);
  const [r, out] = yield* c.ioctl(fd, cmd, b);
  if (r < 0) return new Abort(what, -r);
  return size === 1 ? out[0]! : new DataView(out.buffer, out.byteOffset).getUint32(0, true);
}

export function* spidev_test_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'D:s:d:b:i:o:lHOLC3NR248p:vS:I:', long: LONG });
  if (p.error) { yield* c.write(2, `spidev_test: ${p.error}\n`); yield* c.write(1, USAGE); return 1; }
  const o = parse_opts(p);
  if (o.input_tx !== undefined && o.input_file !== undefined) return yield* pabort(c, new Abort('only one of -p and --input may be selected', 0));
  const fd = yield* c.open(o.device, O_RDWR);
  if (fd < 0) return yield* pabort(c, new Abort("can't open device", -fd));
  const run = function* (): KGen<string | Abort> {
    const request = o.mode;
    const steps: [number, number, 1 | 4, string, (v: number) => void][] = [
      [SPI_IOC_WR_MODE32, o.mode, 4, "can't set spi mode", () => undefined],
      [SPI_IOC_RD_MODE32, 0, 4, "can't get spi mode", (v) => { o.mode = v; }],
    ];
    for (const [cmd, v, size, what, set] of steps) { const r = yield* ioctl_num(c, fd, cmd, v, size, what); if (r instanceof Abort) return r; set(r); }
    let out = request !== o.mode ? `WARNING device does not support requested mode 0x${request.toString(16)}\n` : '';
    for (const [cmd, size, what, set] of [
      [SPI_IOC_WR_BITS_PER_WORD, 1, "can't set bits per word", () => undefined],
      [SPI_IOC_RD_BITS_PER_WORD, 1, "can't get bits per word", (v: number) => { o.bits = v; }],
      [SPI_IOC_WR_MAX_SPEED_HZ, 4, "can't set max speed hz", () => undefined],
      [SPI_IOC_RD_MAX_SPEED_HZ, 4, "can't get max speed hz", (v: number) => { o.speed = v; }],
    ] as [number, 1 | 4, string, (v: number) => void][]) {
      const r = yield* ioctl_num(c, fd, cmd, size === 1 ? o.bits : o.speed, size, what);
      if (r instanceof Abort) return r;
      set(r);
    }
    out += `spi mode: 0x${o.mode.toString(16)}\nbits per word: ${o.bits}\nmax speed: ${o.speed} Hz (${Math.floor(o.speed / 1000)} kHz)\n`;
    yield* c.write(1, out);
    out = '';
    let tx: Uint8Array;
    if (o.input_tx !== undefined) {
      const u = unescape(o.input_tx);
      if (!u) return new Abort('malformed input string', 0);
      tx = u;
    } else if (o.input_file !== undefined) {
      const ifd = yield* c.open(o.input_file, O_RDONLY);
      if (ifd < 0) return new Abort("can't open input file", -ifd);
      const data = yield* c.read_all(ifd);
      yield* c.close(ifd);
      if (typeof data === 'number') return new Abort('failed to read input file', -data);
      tx = data;
    } else if (o.size) {
      // transfer_buf(): a counting pattern, checked against rx in loopback.
      let bytes = 0;
      while (o.iterations-- > 0) {
        tx = Uint8Array.from({ length: o.size }, (_, i) => i & 0xff);
        const r = yield* transfer(c, fd, o, tx);
        if (r instanceof Abort) return r;
        out += r.out;
        bytes += o.size;
        if (o.mode & SPI_LOOP && r.rx.some((x, i) => x !== tx[i])) {
          yield* c.write(2, `transfer error !\n${hex_dump(tx, 32, 'TX')}${hex_dump(r.rx, 32, 'RX')}`);
          return new Abort('', -1);
        }
      }
      return `${out}total: tx ${(bytes / 1024).toFixed(1)}KB, rx ${(bytes / 1024).toFixed(1)}KB\n`;
    } else tx = DEFAULT_TX;
    const r = yield* transfer(c, fd, o, tx);
    return r instanceof Abort ? r : r.out;
  };
  const r = yield* run();
  yield* c.close(fd);
  if (r instanceof Abort) return r.errno === -1 ? 1 : yield* pabort(c, r);
  yield* c.write(1, r);
  return 0;
}
