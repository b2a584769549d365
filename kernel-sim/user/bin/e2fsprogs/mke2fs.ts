// Models e2fsprogs' misc/mke2fs.c: mke2fs / mkfs.ext2 [-t ext2] [-b size] [-I isize] [-i ratio] [-m pct] [-L label] [-q] [-F] device [blocks], with its summary lines.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { strerror } from '../../lib/libc.ts';
import { mkext2, type mkext2_result } from '../../../fs/ext2/mkext2.ts';
import { uuid_unparse } from '../../../fs/ext2/ext2_fs.ts';
import { unix_open, io_write, E2FSPROGS_VERSION, type io_channel } from './unix_io.ts';
import type { initramfs_entry } from '../../../init/initramfs.ts';
import { new_decode_dev } from '../../../include/linux/fs_types.ts';
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK } from '../../../include/uapi/stat.ts';

const CLOCK_REALTIME = 0;
const DONE = 'done                            \n';

/** A fresh random UUID (libuuid reads the kernel's generator). */
function* new_uuid(c: Libc): KGen<Uint8Array> {
  const t = yield* c.read_text('/proc/sys/kernel/random/uuid');
  const hex = typeof t === 'string' ? t.replace(/[^0-9a-f]/g, '') : '';
  const u = new Uint8Array(16);
  for (let i = 0; i < 16 && hex.length >= 32; i++) u[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return u;
}

/** Writes the block map in runs of consecutive blocks. */
function* write_blocks(c: Libc, ch: io_channel, r: mkext2_result): KGen<number> {
  const nums = [...r.blocks.keys()].sort((a, b) => a - b);
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1 && j - i < 63) j++;
    const run = new Uint8Array((j - i + 1) * r.block_size);
    for (let k = i; k <= j; k++) run.set(r.blocks.get(nums[k])!, (k - i) * r.block_size);
    const e = yield* io_write(c, ch, nums[i] * r.block_size, run);
    if (e < 0) return e;
    i = j + 1;
  }
  return 0;
}

/**
 * populate_fs (misc/create_inode.c): the tree under `root` as entries for mkext2; other
 * filesystems mounted inside it are left as empty directories, as a one-filesystem copy.
 */
function* read_tree(c: Libc, root: string): KGen<initramfs_entry[] | string> {
  const top = yield* c.stat(root, false);
  if (typeof top === 'number') return `${strerror(-top)} while populating file system from ${root}`;
  const out: initramfs_entry[] = [];
  const walk = function* (dir: string, rel: string): KGen<string | null> {
    const ents = yield* c.readdir(dir);
    if (typeof ents === 'number') return `${strerror(-ents)} while reading ${dir}`;
    for (const e of ents) {
      if (e.name === '.' || e.name === '..' || (rel === '' && e.name === 'lost+found')) continue;
      const path = `${dir === '/' ? '' : dir}/${e.name}`, r = `${rel}/${e.name}`;
      const st = yield* c.stat(path, false);
      if (typeof st === 'number') continue;
      const base = { path: r, mode: st.mode, uid: st.uid, gid: st.gid };
      const type = st.mode & S_IFMT;
      if (type === S_IFDIR) {
        out.push(base);
        if (st.dev === top.dev) { const err = yield* walk(path, r); if (err) return err; }
      } else if (type === S_IFREG) {
        const data = yield* c.read_file(path);
        out.push({ ...base, data: typeof data === 'number' ? new Uint8Array(0) : data });
      } else if (type === S_IFLNK) {
        const t = yield* c.readlink(path);
        out.push({ ...base, link: typeof t === 'number' ? '' : t });
      } else out.push({ ...base, rdev: new_decode_dev(st.rdev) });
    }
    return null;
  };
  const err = yield* walk(root, '');
  return err ?? out;
}

function backups_text(b: number[]): string {
  let s = 'Superblock backups stored on blocks: ';
  let col = 72;
  b.forEach((n, i) => {
    const t = String(n);
    if (col + t.length > 72) { s += '\n\t'; col = 8; } else if (i) { s += ' '; col++; }
    s += t + (i < b.length - 1 ? ',' : '');
    col += t.length + 1;
  });
  return s + '\n\n';
}

export function* mke2fs_main(c: Libc, argv: string[]): KGen<number> {
  const prog = argv[0].split('/').pop()!;
  const p = getopt(argv, { short: 't:T:b:I:i:m:L:N:d:qFvn' });
  const usage = `Usage: ${prog} [-c|-l filename] [-b block-size] [-C cluster-size]\n\t[-i bytes-per-inode] [-I inode-size] [-J journal-options]\n\t[-G flex-group-size] [-N number-of-inodes] [-d root-directory]\n\t[-m reserved-blocks-percentage] [-o creator-os]\n\t[-g blocks-per-group] [-L volume-label] [-M last-mounted-directory]\n\t[-O feature[,...]] [-r fs-revision] [-E extended-option[,...]]\n\t[-t fs-type] [-T usage-type ] [-U UUID] [-e errors_behavior][-z undo_file]\n\t[-jnqvDFSV] device [blocks-count]\n`;
  if (p.error || p.args.length < 1 || p.args.length > 2) { yield* c.write(2, (p.error ? `${prog}: ${p.error}\n` : '') + usage); return 1; }
  const quiet = has(p, 'q');
  if (!quiet) yield* c.write(2, `mke2fs ${E2FSPROGS_VERSION}\n`);
  const type = optval(p, 't') ?? (prog.startsWith('mkfs.') ? prog.slice(5) : 'ext2');
  if (type !== 'ext2') { yield* c.write(2, `${prog}: the ${type} filesystem type is not supported by this mke2fs (ext2 only)\n`); return 1; }
  const num = (ch: string): number | undefined => { const v = optval(p, ch); return v === undefined ? undefined : Number(v); };
  const bs = num('b'), isz = num('I'), ratio = num('i'), pct = num('m');
  for (const [ch, v] of [['b', bs], ['I', isz], ['i', ratio], ['m', pct]] as [string, number | undefined][]) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) { yield* c.write(2, `${prog}: invalid argument for -${ch} - ${optval(p, ch)}\n`); return 1; }
  }
  if (pct !== undefined && pct > 50) { yield* c.write(2, `${prog}: invalid reserved blocks percent - ${pct}\n`); return 1; }
  const dev = p.args[0];
  const ch = yield* unix_open(c, dev, true);
  if (typeof ch === 'number') { yield* c.write(2, `${prog}: ${strerror(-ch)} while trying to determine filesystem size\n`); return 1; }
  let size = ch.size;
  if (p.args[1] !== undefined) {
    const n = Number(p.args[1]);
    if (!Number.isInteger(n) || n <= 0) { yield* c.write(2, `${prog}: invalid blocks '${p.args[1]}' on device '${dev}'\n`); return 1; }
    size = Math.min(size || Infinity, n * (bs || 1024));
  }
  const now = Math.floor((yield* c.clock_gettime(CLOCK_REALTIME)) / 1e9);
  const from = optval(p, 'd');
  const tree = from === undefined ? [] : yield* read_tree(c, from);
  if (typeof tree === 'string') { yield* c.write(2, `${prog}: ${tree}\n`); yield* c.close(ch.fd); return 1; }
  const r = mkext2({ size, block_size: bs, inode_size: isz, inode_ratio: ratio, reserved_ratio: pct, label: optval(p, 'L'), uuid: yield* new_uuid(c), now, tree });
  if (typeof r === 'string') { yield* c.write(2, `${prog}: ${r}\n`); yield* c.close(ch.fd); return 1; }
  let out = `Creating filesystem with ${r.blocks_count} ${r.block_size / 1024}k blocks and ${r.inodes_count} inodes\n`;
  if (r.groups === 1) out += '\n';
  else out += `Filesystem UUID: ${uuid_unparse(r.blocks.get(r.block_size === 1024 ? 1 : 0)!.subarray(r.block_size === 1024 ? 104 : 1128, r.block_size === 1024 ? 120 : 1144))}\n` + backups_text(r.backups);
  if (!quiet) yield* c.write(1, out + `Allocating group tables: ${DONE}Writing inode tables: ${DONE}`);
  const e = has(p, 'n') ? 0 : yield* write_blocks(c, ch, r);
  if (e < 0) { yield* c.write(2, `${prog}: ${strerror(-e)} while writing out and closing file system\n`); yield* c.close(ch.fd); return 1; }
  yield* c.syscall('fsync', ch.fd);
  yield* c.close(ch.fd);
  if (!quiet) yield* c.write(1, 'Writing superblocks and filesystem accounting information: done\n\n');
  return 0;
}
