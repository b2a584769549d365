// Small test programs that reach /proc only through system calls (the real coreutils come separately): pcat, pls, preadlink, pwrite.
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import { strerror } from '../../../kernel-sim/user/lib/libc.ts';
import { register_programs } from '../../../kernel-sim/user/bin/index.ts';
import { kwb_image } from '../../../kernel-sim/fs/binfmt_kwb.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { O_WRONLY } from '../../../kernel-sim/include/uapi/stat.ts';

function* pcat(c: Libc, argv: string[]): KGen<number> {
  let rc = 0;
  for (const f of argv.slice(1)) {
    const r = yield* c.read_file(f);
    if (typeof r === 'number') { yield* c.write(2, `pcat: ${f}: ${strerror(-r)}\n`); rc = 1; continue; }
    yield* c.write(1, r);
  }
  return rc;
}

const TYPE: Record<number, string> = { 0o040000: 'd', 0o120000: 'l', 0o100000: '-', 0o020000: 'c', 0o060000: 'b', 0o010000: 'p', 0o140000: 's' };
export function mode_string(mode: number): string {
  let s = TYPE[mode & 0o170000] ?? '?';
  for (const sh of [6, 3, 0]) {
    const b = (mode >> sh) & 7;
    s += (b & 4 ? 'r' : '-') + (b & 2 ? 'w' : '-') + (b & 1 ? 'x' : '-');
  }
  return s;
}

/** pls [-l|-i] DIR: names in readdir order; -l adds "mode nlink uid gid size name[ -> target]"; -i "ino name". */
function* pls(c: Libc, argv: string[]): KGen<number> {
  const long = argv[1] === '-l', ino = argv[1] === '-i';
  const dir = argv[argv.length - 1];
  const ents = yield* c.readdir(dir);
  if (typeof ents === 'number') { yield* c.write(2, `pls: ${dir}: ${strerror(-ents)}\n`); return 1; }
  let out = '';
  for (const e of ents) {
    if (!long) { out += ino ? `${e.ino} ${e.name}\n` : `${e.name}\n`; continue; }
    const p = `${dir}/${e.name}`;
    const st = yield* c.stat(p, false);
    if (typeof st === 'number') { out += `? ${e.name} (${strerror(-st)})\n`; continue; }
    let line = `${mode_string(st.mode)} ${st.nlink} ${st.uid} ${st.gid} ${st.size} ${e.name}`;
    if ((st.mode & 0o170000) === 0o120000) {
      const l = yield* c.readlink(p);
      line += ` -> ${typeof l === 'number' ? `(${strerror(-l)})` : l}`;
    }
    out += line + '\n';
  }
  yield* c.write(1, out);
  return 0;
}

function* preadlink(c: Libc, argv: string[]): KGen<number> {
  const r = yield* c.readlink(argv[1]);
  if (typeof r === 'number') { yield* c.write(2, `preadlink: ${argv[1]}: ${strerror(-r)}\n`); return 1; }
  yield* c.write(1, r + '\n');
  return 0;
}

/** pwrite FILE TEXT [READBACK]: one write(2) of TEXT (no newline added), then optionally prints READBACK. */
function* pwrite(c: Libc, argv: string[]): KGen<number> {
  const fd = yield* c.open(argv[1], O_WRONLY);
  if (fd < 0) { yield* c.write(2, `pwrite: ${argv[1]}: ${strerror(-fd)}\n`); return 1; }
  const r = yield* c.write(fd, argv[2] ?? '');
  yield* c.close(fd);
  if (r < 0) { yield* c.write(2, `pwrite: ${argv[1]}: ${strerror(-r)}\n`); return 1; }
  if (argv[3]) return yield* pcat(c, ['pcat', argv[3]]);
  return 0;
}

/** pstat PATH: "ino mode(octal) nlink dev" following symlinks. */
function* pstat(c: Libc, argv: string[]): KGen<number> {
  const st = yield* c.stat(argv[1], true);
  if (typeof st === 'number') { yield* c.write(2, `pstat: ${argv[1]}: ${strerror(-st)}\n`); return 1; }
  yield* c.write(1, `${st.ino} ${st.mode.toString(8)} ${st.nlink} ${st.dev}\n`);
  return 0;
}

/** pmount TYPE DIR: mkdir DIR and mount TYPE there with no flags. */
function* pmount(c: Libc, argv: string[]): KGen<number> {
  yield* c.mkdir(argv[2], 0o755);
  const r = yield* c.mount(argv[1], argv[2], argv[1], 0, '');
  if (r < 0) { yield* c.write(2, `pmount: ${strerror(-r)}\n`); return 1; }
  return 0;
}

/** pzombie: forks a child that exits at once, prints the child's /proc status while it is a zombie, then reaps it. */
function* pzombie(c: Libc): KGen<number> {
  const pid = yield* c.fork(function* () { return 3; });
  if (pid < 0) return 1;
  yield* c.nanosleep(10_000_000);
  yield* c.write(1, `pid ${pid}\n`);
  yield* pcat(c, ['pcat', `/proc/${pid}/status`, `/proc/${pid}/stat`]);
  yield* c.waitpid(pid);
  return 0;
}

/** pargv: overwrites the first byte of its own argv strings in memory, then prints /proc/self/cmdline. */
function* pargv(c: Libc): KGen<number> {
  const stat = yield* c.read_text('/proc/self/stat');
  if (typeof stat === 'number') return 1;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
  const arg_start = Number(fields[47 - 2]);
  c.mem()[arg_start] = 'X'.charCodeAt(0);
  return yield* pcat(c, ['pcat', '/proc/self/cmdline']);
}

const helpers = { pcat, pls, preadlink, pwrite, pstat, pmount, pzombie, pargv };

register_programs(Object.fromEntries(Object.entries(helpers).map(([name, main]) => [name, { main: (c: Libc, argv: string[]) => main(c, argv), path: `/bin/${name}` }])));

/** A booted machine with the helper programs installed in /bin. */
export function proc_machine(opts: ConstructorParameters<typeof Machine>[0] = {}): Machine {
  const m = new Machine(opts);
  m.boot();
  for (const name of Object.keys(helpers)) m.putFile(`/bin/${name}`, kwb_image(name), 0o755);
  return m;
}

export function run(m: Machine, cmd: string): string {
  return m.runCommand(cmd).output;
}
