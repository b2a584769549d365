// Models util-linux's include/swapheader.h and the signature probing mkswap and swapon share: the v1 swap header (version, last_page, nr_badpages, uuid, volume_name at 1024) and the 10-byte signature at the end of the first page ("SWAPSPACE2", or a hibernation image's).
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { O_RDONLY } from '../../../../include/uapi/stat.ts';

export const SWAP_SIGNATURE = 'SWAPSPACE2';
export const SWAP_SIGNATURE_SZ = 10;
/** getpagesize() on x86-64. */
export const PAGE_SIZE = 4096;
/** BLKGETSIZE64: the device's size in bytes (blkdev_get_size). */
export const BLKGETSIZE64 = 0x80081272;

export interface swap_header_v1_2 { version: number; last_page: number; nr_badpages: number; uuid: Uint8Array; volume_name: string }

/** What sits in a page's last 10 bytes: a swap area, a software-suspend image (S1SUSPEND and its kin), or neither. */
export type swap_sig = 'swapspace' | 'swsuspend' | null;

export function swap_detect_signature(tail: Uint8Array): swap_sig {
  const s = String.fromCharCode(...tail.subarray(0, SWAP_SIGNATURE_SZ));
  if (s === SWAP_SIGNATURE) return 'swapspace';
  if (['S1SUSPEND', 'S2SUSPEND', 'ULSUSPEND'].includes(s.slice(0, 9)) || s === 'LINHIB0001') return 'swsuspend';
  if ([0xed, 0xc3, 0x02, 0xe9, 0x98, 0x56, 0xe5, 0x0c].every((b, i) => tail[i] === b)) return 'swsuspend';
  return null;
}

export function parse_header(page: Uint8Array): swap_header_v1_2 {
  const dv = new DataView(page.buffer, page.byteOffset, page.byteLength);
  return {
    version: dv.getUint32(1024, true), last_page: dv.getUint32(1028, true), nr_badpages: dv.getUint32(1032, true),
    uuid: page.slice(1036, 1052), volume_name: new TextDecoder().decode(page.subarray(1052, 1068)).replace(/\0.*$/s, ''),
  };
}

/** The signature page mkswap writes: header fields, UUID, label and the signature. */
export function build_header(last_page: number, uuid: Uint8Array, label: string): Uint8Array {
  const page = new Uint8Array(PAGE_SIZE);
  const dv = new DataView(page.buffer);
  dv.setUint32(1024, 1, true);
  dv.setUint32(1028, last_page, true);
  dv.setUint32(1032, 0, true);
  page.set(uuid.subarray(0, 16), 1036);
  page.set(new TextEncoder().encode(label).subarray(0, 15), 1052);
  page.set(new TextEncoder().encode(SWAP_SIGNATURE), PAGE_SIZE - SWAP_SIGNATURE_SZ);
  return page;
}

export function uuid_unparse(u: Uint8Array): string {
  const h = [...u].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function uuid_parse(s: string): Uint8Array | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return null;
  const h = s.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
}

/** The first page of a device or file (swapon reads it to find the signature); null if it cannot be read whole. */
export function* read_first_page(c: Libc, path: string): KGen<Uint8Array | null> {
  const fd = yield* c.open(path, O_RDONLY);
  if (fd < 0) return null;
  const b = yield* c.read(fd, PAGE_SIZE);
  yield* c.close(fd);
  return typeof b === 'number' || b.length < PAGE_SIZE ? null : b;
}

/** The swap areas in use, from /proc/swaps: path, type, size and used (KiB), priority. */
export interface swap_entry { path: string; type: string; size: number; used: number; prio: number }

export function* get_swaps(c: Libc): KGen<swap_entry[]> {
  const t = yield* c.read_text('/proc/swaps');
  if (typeof t === 'number') return [];
  return t.split('\n').slice(1).filter(Boolean).map((l) => {
    const [path, type, size, used, prio] = l.trim().split(/\s+/);
    return { path: path!.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), type: type!, size: Number(size), used: Number(used), prio: Number(prio) };
  });
}

/** libmount's mnt_resolve_spec for UUID= and LABEL=: the block device whose swap header carries the tag. */
export function* resolve_spec(c: Libc, spec: string): KGen<string | null> {
  const m = /^(UUID|LABEL)=(.*)$/.exec(spec);
  if (!m) return spec;
  const parts = yield* c.read_text('/proc/partitions');
  if (typeof parts === 'number') return null;
  for (const name of parts.split('\n').slice(2).map((l) => l.trim().split(/\s+/)[3]).filter((n): n is string => !!n)) {
    const page = yield* read_first_page(c, `/dev/${name}`);
    if (!page || swap_detect_signature(page.subarray(PAGE_SIZE - SWAP_SIGNATURE_SZ)) !== 'swapspace') continue;
    const h = parse_header(page);
    if (m[1] === 'UUID' ? uuid_unparse(h.uuid) === m[2]!.toLowerCase() : h.volume_name === m[2]) return `/dev/${name}`;
  }
  return null;
}
