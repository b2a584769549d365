// Models the buffered streams of stdio (stdout, stdin) and the error helpers GNU tools share (error(3), "Try '... --help'").
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from './libc.ts';
import { strerror } from '../../include/uapi/asm-generic/errno.ts';
import { O_RDONLY } from '../../include/uapi/stat.ts';

const enc = new TextEncoder();

/** A fully buffered output stream (BUFSIZ 4096), as stdout is when it is not a terminal. */
export class ostream {
  private parts: Uint8Array[] = [];
  private len = 0;
  /** The first write error (-errno), if any. */
  err = 0;
  constructor(private readonly c: Libc, readonly fd = 1, private readonly bufsize = 4096) {}

  *write(data: string | Uint8Array): KGen<void> {
    const b = typeof data === 'string' ? enc.encode(data) : data;
    if (!b.length) return;
    this.parts.push(b);
    this.len += b.length;
    if (this.len >= this.bufsize) yield* this.flush();
  }

  *flush(): KGen<number> {
    if (!this.len) return this.err;
    const all = this.parts.length === 1 ? this.parts[0] : concat(this.parts, this.len);
    this.parts = []; this.len = 0;
    if (this.err) return this.err;
    const r = yield* this.c.write(this.fd, all);
    if (r < 0) this.err = r;
    return this.err;
  }
}

export function concat(parts: Uint8Array[], total = parts.reduce((a, p) => a + p.length, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** A buffered input stream over a descriptor, reading bytes or lines as they arrive. */
export class istream {
  private buf = new Uint8Array(0);
  private pos = 0;
  eof = false;
  err = 0;
  constructor(private readonly c: Libc, readonly fd: number) {}

  private *fill(): KGen<boolean> {
    if (this.eof) return false;
    const r = yield* this.c.read(this.fd, 65536);
    if (typeof r === 'number') { this.err = r; this.eof = true; return false; }
    if (r.length === 0) { this.eof = true; return false; }
    const rest = this.buf.subarray(this.pos);
    const nb = new Uint8Array(rest.length + r.length);
    nb.set(rest); nb.set(r, rest.length);
    this.buf = nb; this.pos = 0;
    return true;
  }

  /** The next chunk of bytes (whatever one read returns), or null at EOF. */
  *chunk(): KGen<Uint8Array | null> {
    if (this.pos < this.buf.length) { const b = this.buf.subarray(this.pos); this.pos = this.buf.length; return b; }
    if (!(yield* this.fill())) return null;
    const b = this.buf.subarray(this.pos); this.pos = this.buf.length;
    return b;
  }

  /** The next line with its "\n" (the last may lack it), as bytes, or null at EOF. */
  *line_bytes(): KGen<Uint8Array | null> {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl >= 0) { const b = this.buf.subarray(this.pos, nl + 1); this.pos = nl + 1; return b; }
      if (!(yield* this.fill())) {
        if (this.pos < this.buf.length) { const b = this.buf.subarray(this.pos); this.pos = this.buf.length; return b; }
        return null;
      }
    }
  }

  *line(): KGen<string | null> {
    const b = yield* this.line_bytes();
    return b === null ? null : new TextDecoder().decode(b);
  }

  /** Everything up to EOF. */
  *all(): KGen<Uint8Array> {
    const parts: Uint8Array[] = [];
    for (;;) { const b = yield* this.chunk(); if (!b) break; parts.push(b.slice()); }
    return concat(parts);
  }
}

/** Opens an operand for reading: "-" is standard input. Returns the fd or -errno. */
export function* open_input(c: Libc, name: string): KGen<number> {
  if (name === '-') return 0;
  return yield* c.open(name, O_RDONLY);
}

/** error(0, errnum, fmt): "prog: msg: strerror". */
export function* warn(c: Libc, prog: string, msg: string, err = 0): KGen<void> {
  yield* c.write(2, `${prog}: ${msg}${err ? `: ${strerror(Math.abs(err))}` : ''}\n`);
}

/** The usage error GNU tools print after a bad option. */
export function* usage_error(c: Libc, prog: string, msg: string, status = 1): KGen<number> {
  yield* c.write(2, `${prog}: ${msg}\nTry '${prog} --help' for more information.\n`);
  return status;
}

/** Quotes a file name the way coreutils' quote() does in diagnostics ('name'). */
export function quote(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  return `"${s}"`;
}

export function basename(p: string): string {
  if (p === '') return '';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

export function dirname(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? '/' : '.';
  const i = t.lastIndexOf('/');
  if (i < 0) return '.';
  const d = t.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

export function join_path(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
