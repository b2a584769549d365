// Models the x86_64 user ABI structures of linux/arch/x86/include/uapi (struct stat, linux_dirent64, timespec, utsname, sysinfo, rlimit): one layout shared by the kernel and the workbench libc.

export interface kstat {
  dev: number; ino: number; nlink: number; mode: number; uid: number; gid: number; rdev: number;
  size: number; blksize: number; blocks: number;
  atime_ns: number; mtime_ns: number; ctime_ns: number;
}

export const STAT_SIZE = 144;

const u64 = (dv: DataView, off: number, v: number): void => dv.setBigUint64(off, BigInt(Math.max(0, Math.floor(v))), true);
const i64 = (dv: DataView, off: number, v: number): void => dv.setBigInt64(off, BigInt(Math.floor(v)), true);

export function encode_stat(st: kstat): Uint8Array {
  const b = new Uint8Array(STAT_SIZE);
  const dv = new DataView(b.buffer);
  u64(dv, 0, st.dev); u64(dv, 8, st.ino); u64(dv, 16, st.nlink);
  dv.setUint32(24, st.mode, true); dv.setUint32(28, st.uid, true); dv.setUint32(32, st.gid, true);
  u64(dv, 40, st.rdev); i64(dv, 48, st.size); i64(dv, 56, st.blksize); i64(dv, 64, st.blocks);
  const ts = (off: number, ns: number): void => { i64(dv, off, Math.floor(ns / 1e9)); i64(dv, off + 8, ns % 1e9); };
  ts(72, st.atime_ns); ts(88, st.mtime_ns); ts(104, st.ctime_ns);
  return b;
}

export function decode_stat(b: Uint8Array): kstat {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const g = (o: number): number => Number(dv.getBigUint64(o, true));
  const s = (o: number): number => Number(dv.getBigInt64(o, true));
  return {
    dev: g(0), ino: g(8), nlink: g(16), mode: dv.getUint32(24, true), uid: dv.getUint32(28, true), gid: dv.getUint32(32, true),
    rdev: g(40), size: s(48), blksize: s(56), blocks: s(64),
    atime_ns: s(72) * 1e9 + s(80), mtime_ns: s(88) * 1e9 + s(96), ctime_ns: s(104) * 1e9 + s(112),
  };
}

/** struct linux_dirent64 records: d_ino, d_off, d_reclen, d_type, d_name (NUL-terminated, 8-byte aligned). */
export function encode_dirent64(ino: number, off: number, type: number, name: string): Uint8Array {
  const nb = new TextEncoder().encode(name);
  const reclen = (19 + nb.length + 1 + 7) & ~7;
  const b = new Uint8Array(reclen);
  const dv = new DataView(b.buffer);
  u64(dv, 0, ino); i64(dv, 8, off); dv.setUint16(16, reclen, true); b[18] = type; b.set(nb, 19);
  return b;
}

export interface dirent64 { ino: number; off: number; type: number; name: string }

export function decode_dirents64(b: Uint8Array): dirent64[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: dirent64[] = [];
  const dec = new TextDecoder();
  for (let p = 0; p + 19 <= b.length;) {
    const reclen = dv.getUint16(p + 16, true);
    if (reclen === 0) break;
    const nameEnd = b.indexOf(0, p + 19);
    out.push({ ino: Number(dv.getBigUint64(p, true)), off: Number(dv.getBigInt64(p + 8, true)), type: b[p + 18], name: dec.decode(b.subarray(p + 19, nameEnd)) });
    p += reclen;
  }
  return out;
}

/** struct new_utsname: six 65-byte fields. */
export const UTSNAME_FIELD = 65;
export function encode_utsname(u: { sysname: string; nodename: string; release: string; version: string; machine: string; domainname: string }): Uint8Array {
  const b = new Uint8Array(UTSNAME_FIELD * 6);
  const enc = new TextEncoder();
  [u.sysname, u.nodename, u.release, u.version, u.machine, u.domainname].forEach((s, i) => b.set(enc.encode(s).subarray(0, 64), i * UTSNAME_FIELD));
  return b;
}
export function decode_utsname(b: Uint8Array): { sysname: string; nodename: string; release: string; version: string; machine: string; domainname: string } {
  const dec = new TextDecoder();
  const f = (i: number): string => { const s = b.subarray(i * UTSNAME_FIELD, (i + 1) * UTSNAME_FIELD); const z = s.indexOf(0); return dec.decode(z < 0 ? s : s.subarray(0, z)); };
  return { sysname: f(0), nodename: f(1), release: f(2), version: f(3), machine: f(4), domainname: f(5) };
}

/** struct timespec: tv_sec, tv_nsec (both 64-bit). */
export function encode_timespec(ns: number): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  i64(dv, 0, Math.floor(ns / 1e9)); i64(dv, 8, ns % 1e9);
  return b;
}
export function decode_timespec(b: Uint8Array): { sec: number; nsec: number } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { sec: Number(dv.getBigInt64(0, true)), nsec: Number(dv.getBigInt64(8, true)) };
}

/** struct rlimit: two u64, RLIM_INFINITY = ~0. */
export function encode_rlimit(cur: number, max: number): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  const v = (x: number): bigint => (x === Infinity ? 0xffffffffffffffffn : BigInt(x));
  dv.setBigUint64(0, v(cur), true); dv.setBigUint64(8, v(max), true);
  return b;
}
export function decode_rlimit(b: Uint8Array): { cur: number; max: number } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const v = (x: bigint): number => (x === 0xffffffffffffffffn ? Infinity : Number(x));
  return { cur: v(dv.getBigUint64(0, true)), max: v(dv.getBigUint64(8, true)) };
}

/** struct sysinfo (x86_64): 112 bytes. */
export interface sysinfo_t { uptime: number; loads: [number, number, number]; totalram: number; freeram: number; sharedram: number; bufferram: number; totalswap: number; freeswap: number; procs: number; mem_unit: number }
export function encode_sysinfo(s: sysinfo_t): Uint8Array {
  const b = new Uint8Array(112);
  const dv = new DataView(b.buffer);
  i64(dv, 0, s.uptime);
  s.loads.forEach((l, i) => u64(dv, 8 + i * 8, l));
  u64(dv, 32, s.totalram); u64(dv, 40, s.freeram); u64(dv, 48, s.sharedram); u64(dv, 56, s.bufferram);
  u64(dv, 64, s.totalswap); u64(dv, 72, s.freeswap); dv.setUint16(80, s.procs, true);
  dv.setUint32(104, s.mem_unit, true);
  return b;
}
export function decode_sysinfo(b: Uint8Array): sysinfo_t {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const g = (o: number): number => Number(dv.getBigUint64(o, true));
  return { uptime: Number(dv.getBigInt64(0, true)), loads: [g(8), g(16), g(24)], totalram: g(32), freeram: g(40), sharedram: g(48), bufferram: g(56), totalswap: g(64), freeswap: g(72), procs: dv.getUint16(80, true), mem_unit: dv.getUint32(104, true) };
}
