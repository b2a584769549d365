// Models util-linux 2.38 mkswap(8): a v1 swap area on a device or file — its size from BLKGETSIZE64 or the file's, the mounted and permission checks, wiping the boot bits (not on a partitioned disk without -f) and old signatures, the header with a UUID and label, "Setting up swapspace version 1, size = ...".
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { strerror } from '../../../lib/libc.ts';
import { getopt, has, optval } from '../../../lib/getopt.ts';
import { getuid } from '../../../lib/unistd.ts';
import { size_to_human_string } from '../../../lib/size_human.ts';
import { blkid_probe, partition_of } from '../../../lib/blkid.ts';
import { random_id } from '../fdisk/write.ts';
import { O_RDONLY, O_RDWR, S_ISBLK, S_ISREG } from '../../../../include/uapi/stat.ts';
import { BLKGETSIZE64, PAGE_SIZE, SWAP_SIGNATURE_SZ, build_header, read_first_page, swap_detect_signature, uuid_parse, uuid_unparse } from './swapheader.ts';

const MIN_GOODPAGES = 10;
/** Where the header is written from: the first 1024 bytes (boot bits) are left to wipe_device. */
const SIGNATURE_OFFSET = 1024;

/** size_to_human_string(SIZE_SUFFIX_SPACE | SIZE_SUFFIX_3LETTER): "127 MiB", "40 KiB", "512 B". */
function human_3letter(bytes: number): string {
  const s = size_to_human_string(bytes);
  const unit = s.slice(-1);
  return unit === 'B' ? `${s.slice(0, -1)} B` : `${s.slice(0, -1)} ${unit}iB`;
}

/** blkdev_get_size(): a block device's BLKGETSIZE64, a file's st_size; -errno if it cannot be opened. */
function* get_size(c: Libc, path: string): KGen<number> {
  const fd = yield* c.open(path, O_RDONLY);
  if (fd < 0) return fd;
  const [r, out] = yield* c.ioctl(fd, BLKGETSIZE64, new Uint8Array(8), 8);
  let size = r >= 0 ? Number(new DataView(out.buffer, out.byteOffset, 8).getBigUint64(0, true)) : -1;
  if (size < 0) {
    const st = yield* c.stat(path);
    size = typeof st === 'number' ? 0 : st.size;
  }
  yield* c.close(fd);
  return size;
}

/** is_mounted(): the device is a source in /proc/mounts. */
function* is_mounted(c: Libc, dev: string): KGen<boolean> {
  const t = yield* c.read_text('/proc/mounts');
  return typeof t === 'string' && t.split('\n').some((l) => l.split(' ')[0] === dev);
}

function* write_at(c: Libc, fd: number, off: number, data: Uint8Array): KGen<number> {
  if ((yield* c.lseek(fd, off, 0)) < 0) return -1;
  return yield* c.write(fd, data);
}

/**
 * wipe_device(): unless forced, a disk with a partition table keeps its first sectors (a warning says so); otherwise
 * the boot bits are zeroed and each old signature libblkid finds is erased with a warning.
 */
function* wipe_device(c: Libc, fd: number, dev: string, force: boolean): KGen<void> {
  const name = dev.replace(/^\/dev\//, '');
  const tags = yield* blkid_probe(c, dev, yield* partition_of(c, name));
  const pttype = force ? undefined : tags.get('PTTYPE');
  if (pttype) {
    yield* c.write(2, `mkswap: ${dev}: warning: don't erase bootbits sectors\n        (${pttype} partition table detected). Use -f to force.\n`);
    return;
  }
  yield* write_at(c, fd, 0, new Uint8Array(1024));
  const old = yield* read_first_page(c, dev);
  const type = tags.get('TYPE') ?? (old && swap_detect_signature(old.subarray(PAGE_SIZE - SWAP_SIGNATURE_SZ)) === 'swapspace' ? 'swap' : undefined);
  if (!type) return;
  yield* c.write(2, `mkswap: ${dev}: warning: wiping old ${type} signature.\n`);
  // blkid_do_wipe() zeroes the magic it found: the swap (or hibernation image) signature, or ext2's 0xEF53 in its superblock.
  if (type === 'swap' || type === 'swsuspend') yield* write_at(c, fd, PAGE_SIZE - SWAP_SIGNATURE_SZ, new Uint8Array(SWAP_SIGNATURE_SZ));
  else yield* write_at(c, fd, 1024 + 56, new Uint8Array(2));
}

export function* mkswap_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, {
    short: 'cfp:L:v:U:Vh',
    long: { check: 'c', force: 'f', 'pagesize=': 'p', 'label=': 'L', 'swapversion=': 'v', 'uuid=': 'U', version: 'V', help: 'h' },
  });
  const fail = function* (msg: string, status = 1): KGen<number> { yield* c.write(2, `mkswap: ${msg}\n`); return status; };
  if (p.error) return yield* fail(`${p.error}\nTry 'mkswap --help' for more information.`);
  if (has(p, 'V')) { yield* c.write(1, 'mkswap from util-linux 2.38.1\n'); return 0; }
  const version = optval(p, 'v');
  if (version !== undefined && version !== '1') return yield* fail(`swapspace version ${version} is not supported`);
  if (p.args.length > 2) return yield* fail("only one device argument is currently supported\nTry 'mkswap --help' for more information.");
  const opt_uuid = optval(p, 'U');
  const uuid = opt_uuid !== undefined ? uuid_parse(opt_uuid) : uuid_parse((yield* random_id(c, 'guid')).toLowerCase());
  if (!uuid) return yield* fail('error: parsing UUID failed');
  const dev = p.args[0];
  if (!dev) return yield* fail("error: Nowhere to set up swap on?\nTry 'mkswap --help' for more information.");
  let npages = 0;
  if (p.args[1] !== undefined) {
    if (!/^\d+$/.test(p.args[1])) return yield* fail(`invalid block count argument: '${p.args[1]}'`);
    npages = Math.floor(Number(p.args[1]) / (PAGE_SIZE / 1024));
  }
  const size = yield* get_size(c, dev);
  if (size < 0) return yield* fail(`cannot open ${dev}: ${strerror(-size)}`);
  const sz = Math.floor(size / PAGE_SIZE);
  if (!npages) npages = sz;
  else if (npages > sz && !has(p, 'f')) return yield* fail(`error: size ${npages * 4} KiB is larger than device size ${sz * 4} KiB`);
  if (npages < MIN_GOODPAGES) return yield* fail(`error: swap area needs to be at least ${MIN_GOODPAGES * PAGE_SIZE / 1024} KiB`);
  if (yield* is_mounted(c, dev)) return yield* fail(`error: ${dev} is mounted; will not make swapspace`);
  const st = yield* c.stat(dev);
  if (typeof st === 'number') return yield* fail(`stat of ${dev} failed: ${strerror(-st)}`);
  const fd = yield* c.open(dev, O_RDWR);
  if (fd < 0) return yield* fail(`cannot open ${dev}: ${strerror(-fd)}`);
  const permMask = S_ISBLK(st.mode) ? 0o7007 : 0o7077;
  if (st.mode & permMask) {
    yield* c.write(2, `mkswap: ${dev}: insecure permissions ${(st.mode & 0o7777).toString(8).padStart(4, '0')}, ${(~permMask & 0o666).toString(8).padStart(4, '0')} suggested.\n`);
  }
  if ((yield* getuid(c)) === 0 && S_ISREG(st.mode) && st.uid !== 0) yield* c.write(2, `mkswap: ${dev}: insecure file owner ${st.uid}, 0 (root) suggested.\n`);
  yield* wipe_device(c, fd, dev, has(p, 'f'));
  const bytes = (npages - 1) * PAGE_SIZE;
  const label = optval(p, 'L') ?? '';
  let out = `Setting up swapspace version 1, size = ${human_3letter(bytes)} (${bytes} bytes)\n`;
  if (label.length > 15) yield* c.write(2, 'mkswap: Label was truncated.\n');
  out += `${label ? `LABEL=${label.slice(0, 15)}, ` : 'no label, '}UUID=${uuid_unparse(uuid)}\n`;
  yield* c.write(1, out);
  const page = build_header(npages - 1, uuid, label);
  const w = yield* write_at(c, fd, SIGNATURE_OFFSET, page.subarray(SIGNATURE_OFFSET));
  if (w < 0) { yield* c.close(fd); return yield* fail(`${dev}: unable to write signature page: ${strerror(-w)}`); }
  // close_fd(): the fsync makes sure a following swapon() reads the signature from the disk.
  const r = yield* c.syscall('fsync', fd);
  yield* c.close(fd);
  if (r < 0) return yield* fail(`write failed: ${strerror(-r)}`);
  return 0;
}
