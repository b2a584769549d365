// /sbin/udevd: reads kernel uevents from netlink, applies the rules of /lib/udev/rules.d and /etc/udev/rules.d to /dev, runs RUN programs, records the database and re-broadcasts to udev listeners.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { SIGCHLD } from '../../../include/uapi/signal.ts';
import { monitor_open, monitor_receive, monitor_send_udev, GROUP_KERNEL, type uevent_msg } from './netlink.ts';
import { parse_rules, udev_match, type rule } from './rules.ts';
import { device_from_syspath, sysattr, device_parent, device_subsystem, device_driver, db_id, type sd_device } from './device.ts';
import { udev_builtin_import } from './builtins.ts';

const RULES_DIRS = ['/lib/udev/rules.d', '/etc/udev/rules.d', '/run/udev/rules.d'];

/** Files by name, later directories overriding earlier ones, in lexical order (udev_rules_load). */
export function* load_rules(c: Libc, errors: string[]): KGen<rule[]> {
  const files = new Map<string, string>();
  for (const d of RULES_DIRS) {
    const ents = yield* c.readdir(d);
    if (typeof ents === 'number') continue;
    for (const e of ents) if (e.name.endsWith('.rules')) files.set(e.name, `${d}/${e.name}`);
  }
  const out: rule[] = [];
  for (const name of [...files.keys()].sort()) {
    const text = yield* c.read_text(files.get(name)!);
    if (typeof text === 'string') out.push(...parse_rules(files.get(name)!, text, errors));
  }
  return out;
}

interface event_result { name: string | null; symlinks: string[]; mode: number | null; owner: string | null; group: string | null; run: string[] }

function* id_of(c: Libc, file: string, name: string): KGen<number> {
  if (/^\d+$/.test(name)) return Number(name);
  const t = yield* c.read_text(file);
  if (typeof t === 'number') return -1;
  for (const l of t.split('\n')) { const f = l.split(':'); if (f[0] === name) return Number(f[2]); }
  return -1;
}

/** $kernel, %k, $env{X}, $attr{X}, $major ... (udev_event_apply_format). */
function* substitute(c: Libc, s: string, dev: sd_device, env: Map<string, string>): KGen<string> {
  let out = '';
  const re = /\$(kernel|number|devpath|major|minor|name|env\{([^}]*)\}|attr\{([^}]*)\}|\$)|%([knpMmE%]|s\{([^}]*)\}|E\{([^}]*)\})/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out += s.slice(last, m.index);
    last = m.index + m[0].length;
    const w = m[1] ?? m[4];
    const envk = m[2] ?? m[6];
    const attrk = m[3] ?? m[5];
    if (envk !== undefined) out += env.get(envk) ?? '';
    else if (attrk !== undefined) { const v = yield* sysattr(c, dev, attrk); out += typeof v === 'string' ? v : ''; }
    else if (w === 'kernel' || w === 'k') out += dev.sysname;
    else if (w === 'number' || w === 'n') out += /(\d+)$/.exec(dev.sysname)?.[1] ?? '';
    else if (w === 'devpath' || w === 'p') out += dev.devpath;
    else if (w === 'major' || w === 'M') out += env.get('MAJOR') ?? '';
    else if (w === 'minor' || w === 'm') out += env.get('MINOR') ?? '';
    else if (w === 'name') out += env.get('DEVNAME') ?? dev.sysname;
    else out += w === '$' ? '$' : '%';
  }
  return out + s.slice(last);
}

/** Runs every rule against the event; collects what the matching ones assign (udev_rules_apply_to_event). */
export function* apply_rules(c: Libc, rules: rule[], msg: uevent_msg, env: Map<string, string>): KGen<event_result> {
  const dev = device_from_syspath('/sys' + msg.devpath);
  const res: event_result = { name: null, symlinks: [], mode: null, owner: null, group: null, run: [] };
  const subsystem = env.get('SUBSYSTEM') ?? '';
  const driver = env.get('DRIVER') ?? (yield* device_driver(c, dev));
  let goto_label: string | null = null;
  for (const r of rules) {
    if (goto_label !== null) {
      if (r.keys.some((k) => k.key === 'LABEL' && k.value === goto_label)) goto_label = null;
      continue;
    }
    let ok = true;
    for (const k of r.keys) {
      if (k.op !== '==' && k.op !== '!=') continue;
      let values: string[] | null = null;
      switch (k.key) {
        case 'ACTION': values = [msg.action]; break;
        case 'SUBSYSTEM': values = [subsystem]; break;
        case 'KERNEL': values = [dev.sysname]; break;
        case 'DEVPATH': values = [dev.devpath]; break;
        case 'DRIVER': values = [driver]; break;
        case 'NAME': values = [res.name ?? '']; break;
        case 'ENV': values = [env.get(k.attr ?? '') ?? '']; break;
        case 'ATTR': { const v = yield* sysattr(c, dev, k.attr ?? ''); values = [typeof v === 'string' ? v : '']; break; }
        case 'KERNELS': case 'SUBSYSTEMS': case 'DRIVERS': case 'ATTRS': {
          values = [];
          for (let d: sd_device | null = dev; d; d = yield* device_parent(c, d)) {
            if (k.key === 'KERNELS') values.push(d.sysname);
            else if (k.key === 'SUBSYSTEMS') values.push(yield* device_subsystem(c, d));
            else if (k.key === 'DRIVERS') values.push(yield* device_driver(c, d));
            else { const v = yield* sysattr(c, d, k.attr ?? ''); if (typeof v === 'string') values.push(v); }
          }
          break;
        }
        default: values = null;
      }
      if (values === null) continue;
      const hit = values.some((v) => udev_match(k.value, v));
      if (hit !== (k.op === '==')) { ok = false; break; }
    }
    if (!ok) continue;
    for (const k of r.keys) {
      if (k.op === '==' || k.op === '!=') continue;
      const v = yield* substitute(c, k.value, dev, env);
      switch (k.key) {
        case 'NAME': res.name = v; break;
        case 'SYMLINK': if (k.op !== '+=') res.symlinks = []; res.symlinks.push(...v.split(/\s+/).filter(Boolean)); break;
        case 'MODE': res.mode = parseInt(v, 8); break;
        case 'OWNER': res.owner = v; break;
        case 'GROUP': res.group = v; break;
        case 'RUN': if (k.op !== '+=') res.run = []; res.run.push(k.attr === 'builtin' ? `builtin:${v}` : v); break;
        case 'ENV': if (k.attr) env.set(k.attr, v); break;
        case 'IMPORT': if (k.attr === 'builtin') yield* udev_builtin_import(c, v, dev, env); break;
        case 'GOTO': goto_label = k.value; break;
        default: break;
      }
    }
  }
  return res;
}

function* mkdir_p(c: Libc, path: string): KGen<void> {
  let p = '';
  for (const part of path.split('/').filter(Boolean)) { p += '/' + part; yield* c.mkdir(p, 0o755); }
}

function rel_target(link: string, target: string): string {
  const from = link.split('/').filter(Boolean).slice(0, -1);
  const to = target.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...Array(from.length - i).fill('..'), ...to.slice(i)].join('/');
}

/** The node, links and permissions for an added device; the database record (udev_node_add + udev_device_update_db). */
function* node_add(c: Libc, env: Map<string, string>, res: event_result, id: string): KGen<void> {
  const kname = env.get('DEVNAME');
  if (!kname) return;
  let node = `/dev/${kname}`;
  if (res.name && res.name !== kname) {
    const st = yield* c.stat(node);
    const dst = `/dev/${res.name}`;
    yield* mkdir_p(c, dst.slice(0, dst.lastIndexOf('/')));
    if (typeof st !== 'number') {
      yield* c.mknod(dst, st.mode, st.rdev);
      yield* c.unlink(node);
    }
    node = dst;
    env.set('DEVNAME', dst);
  } else env.set('DEVNAME', node);
  const uid = res.owner ? yield* id_of(c, '/etc/passwd', res.owner) : -1;
  const gid = res.group ? yield* id_of(c, '/etc/group', res.group) : -1;
  if (uid >= 0 || gid >= 0) yield* c.syscall('fchownat', -100, c.cstr(node), uid, gid, 0);
  const mode = res.mode ?? (gid > 0 ? 0o660 : null);
  if (mode !== null) yield* c.chmod(node, mode);
  const links: string[] = [];
  for (const l of res.symlinks) {
    const p = `/dev/${l}`;
    yield* mkdir_p(c, p.slice(0, p.lastIndexOf('/')));
    yield* c.unlink(p);
    if ((yield* c.symlink(rel_target(p, node), p)) === 0) links.push(p);
  }
  if (links.length) env.set('DEVLINKS', links.join(' '));
  let db = `N:${node.slice(5)}\n`;
  for (const l of links) db += `S:${l.slice(5)}\n`;
  for (const [k, v] of env) if (!['ACTION', 'DEVPATH', 'SUBSYSTEM', 'SEQNUM', 'MAJOR', 'MINOR', 'DEVNAME', 'DEVMODE', 'DEVLINKS'].includes(k)) db += `E:${k}=${v}\n`;
  yield* write_file(c, `/run/udev/data/${id}`, db);
}

function* node_remove(c: Libc, env: Map<string, string>, id: string): KGen<void> {
  const db = yield* c.read_text(`/run/udev/data/${id}`);
  if (typeof db === 'string') {
    for (const l of db.split('\n')) {
      if (l.startsWith('S:')) yield* c.unlink(`/dev/${l.slice(2)}`);
      if (l.startsWith('N:') && l.slice(2) !== env.get('DEVNAME')) yield* c.unlink(`/dev/${l.slice(2)}`);
    }
    yield* c.unlink(`/run/udev/data/${id}`);
  }
  if (env.get('DEVNAME')) env.set('DEVNAME', `/dev/${env.get('DEVNAME')}`);
}

export function* write_file(c: Libc, path: string, text: string): KGen<number> {
  const fd = yield* c.open(path, 0o1101, 0o644);
  if (fd < 0) return fd;
  const r = yield* c.write(fd, text);
  yield* c.close(fd);
  return r;
}

/** RUN+=: each program with the event's environment; builtin "kmod load" runs modprobe. */
function* run_programs(c: Libc, env: Map<string, string>, run: string[]): KGen<void> {
  const envp = [...env].map(([k, v]) => `${k}=${v}`);
  for (const r of run) {
    let argv: string[];
    if (r.startsWith('builtin:')) {
      const b = r.slice(8).split(/\s+/).filter(Boolean);
      if (b[0] !== 'kmod' || b[1] !== 'load' || b.length < 3) continue;
      if ((yield* c.access('/sbin/modprobe', 1)) !== 0) continue;
      argv = ['/sbin/modprobe', '-b', '-q', ...b.slice(2)];
    } else argv = r.split(/\s+/).filter(Boolean);
    if (!argv.length) continue;
    if (!argv[0].startsWith('/')) argv[0] = `/lib/udev/${argv[0]}`;
    const pid = yield* c.fork(function* (cc) {
      const e = yield* cc.execve(argv[0], argv, envp);
      return e < 0 ? 127 : 0;
    }, SIGCHLD);
    if (pid > 0) yield* c.waitpid(pid);
  }
}

export function* udevd_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.includes('--daemon') || argv.includes('-d')) {
    const pid = yield* c.fork(function* (cc) { yield* cc.syscall('setsid'); return yield* udevd_loop(cc); }, SIGCHLD);
    return pid < 0 ? 1 : 0;
  }
  return yield* udevd_loop(c);
}

function* reload(c: Libc): KGen<rule[]> {
  const errors: string[] = [];
  const rules = yield* load_rules(c, errors);
  for (const e of errors) yield* c.write(2, `udevd: ${e}\n`);
  return rules;
}

/** Modification times of the rules directories and files, as one string. */
function* rules_stamp(c: Libc): KGen<string> {
  let s = '';
  for (const d of RULES_DIRS) {
    const st = yield* c.stat(d);
    if (typeof st === 'number') continue;
    s += `${d}:${st.mtime_ns};`;
    const ents = yield* c.readdir(d);
    if (typeof ents === 'number') continue;
    for (const e of ents) if (e.name.endsWith('.rules')) { const f = yield* c.stat(`${d}/${e.name}`); if (typeof f !== 'number') s += `${e.name}:${f.mtime_ns}:${f.size};`; }
  }
  return s;
}

function* udevd_loop(c: Libc): KGen<number> {
  const m = yield* monitor_open(c, 1 << (GROUP_KERNEL - 1));
  if (typeof m === 'number') { yield* c.write(2, `udevd: error binding netlink socket: ${m}\n`); return 1; }
  yield* mkdir_p(c, '/run/udev/data');
  let stamp = yield* rules_stamp(c);
  let rules = yield* reload(c);
  const seq = yield* c.read_text('/sys/kernel/uevent_seqnum');
  yield* write_file(c, '/run/udev/seqnum', typeof seq === 'string' ? seq.trim() + '\n' : '0\n');
  yield* write_file(c, '/run/udev/udevd.pid', `${yield* c.getpid()}\n`);
  const scratch = c as unknown as { sp: number };
  const base = scratch.sp;
  for (;;) {
    scratch.sp = base; // each event's marshalling space is given back, as a stack frame would be
    const msg = yield* monitor_receive(c, m);
    if (typeof msg === 'number') { if (msg === -4 || msg === -105) continue; return 1; }
    if (msg.source !== 'kernel' || msg.sender !== 0) continue;
    // Rules changed on disk are picked up before the next event (udev_rules_check_timestamp).
    const now = yield* rules_stamp(c);
    if (now !== stamp) { stamp = now; rules = yield* reload(c); }
    const env = new Map(msg.props);
    const dev = device_from_syspath('/sys' + msg.devpath);
    const id = db_id(env, env.get('SUBSYSTEM') ?? '', dev.sysname);
    const res = yield* apply_rules(c, rules, msg, env);
    if (msg.action === 'remove') yield* node_remove(c, env, id);
    else if (msg.action !== 'unbind') yield* node_add(c, env, res, id);
    else if (env.get('DEVNAME')) env.set('DEVNAME', `/dev/${env.get('DEVNAME')}`);
    if (res.run.length) yield* run_programs(c, env, res.run);
    yield* monitor_send_udev(c, m, env);
    yield* write_file(c, '/run/udev/seqnum', `${env.get('SEQNUM') ?? 0}\n`);
  }
}
