// Models linux/kernel/trace/trace_events.c's tracefs files: events/enable, events/<subsys>/enable, events/<subsys>/<event>/enable, available_events and set_event.
//
// Each file reads the tracepoint's real state (trace_enabled, the static key)
// and a write of 1 holds the event on through trace_subsystem_enable until 0
// is written. The holds are per event (as Linux's EVENT_FILE_FL_ENABLED is per
// event file), so a subsystem reads 'X' when some of its events are on and
// some off. Events kernel-sim records from boot (not in TRACE_OFF_BY_DEFAULT)
// read 1 and stay on after a 0: the app's views and the lab checks read them.
// Only declarations with exact names get an event directory (a family such as
// syscalls' sys_* has no fixed list here).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { debugfs_create_dir } from '../../fs/debugfs/inode.ts';
import { simple_fs_root } from '../../fs/simple_fs.ts';
import { tracefs_pin } from '../../fs/tracefs/inode.ts';
import { kernfs_create_dir, kernfs_create_file, kernfs_find, type kernfs_node, type kernfs_ops } from '../../fs/sysfs/kernfs.ts';
import { defineState } from '../state.ts';
import { TRACEPOINTS, type TraceSubsystem } from './events.ts';
import { trace_enabled, trace_subsystem_enable, type trace_event_path } from './trace.ts';

/** kernel/trace/trace.h's TRACE_MODE_WRITE and TRACE_MODE_READ; fs/tracefs/inode.c makes directories 0750. */
const TRACE_MODE_WRITE = 0o640, TRACE_MODE_READ = 0o440, TRACEFS_DIR_MODE = 0o750;

interface trace_event_call { system: TraceSubsystem; name: string }

/** ftrace_events: every declared event with a fixed name, in declaration order. */
function ftrace_events(): trace_event_call[] {
  const seen = new Set<string>();
  return TRACEPOINTS.flatMap((d) => (d.match.kind === 'exact' ? d.match.names.map((name) => ({ system: d.subsystem as TraceSubsystem, name })) : []))
    .filter((c) => !seen.has(`${c.system}/${c.name}`) && !!seen.add(`${c.system}/${c.name}`));
}

/** The enables tracefs writes hold, per "<system>/<event>", until a 0 releases them. */
const tracefsState = defineState('trace_events_fs', () => new Map<string, () => void>());

const event_on = (c: trace_event_call): boolean => trace_enabled(c.system, c.name);

/** ftrace_event_enable_disable for one event file. */
function event_set(c: trace_event_call, enable: boolean): void {
  const holds = tracefsState();
  const path: trace_event_path = `${c.system}/${c.name}`;
  const release = holds.get(path);
  if (enable && !release) holds.set(path, trace_subsystem_enable(path));
  else if (!enable && release) { holds.delete(path); release(); }
}

/** system_enable_read's set_to_char: '?' for no events, '0' all off, '1' all on, 'X' mixed. */
function set_char(calls: readonly trace_event_call[]): string {
  let set = 0;
  for (const c of calls) set |= 1 << (event_on(c) ? 1 : 0);
  return `${'?01X'[set]}\n`;
}

/** kstrtoul_from_user as event_enable_write uses it: a decimal 0 or 1, one trailing newline allowed. */
function parse_enable(data: Uint8Array): boolean | number {
  const text = new TextDecoder().decode(data).replace(/\n$/, '');
  if (!/^\d+$/.test(text)) return -EINVAL;
  const v = Number(text);
  return v === 0 || v === 1 ? v === 1 : -EINVAL;
}

/** An enable file over `calls` (one event, a subsystem's, or all of them). */
function enable_ops(calls: readonly trace_event_call[], one: boolean): kernfs_ops {
  return {
    show: () => (one ? `${event_on(calls[0]!) ? 1 : 0}\n` : set_char(calls)),
    store: (_kn, data) => {
      const v = parse_enable(data);
      if (typeof v === 'number') return v;
      for (const c of calls) event_set(c, v);
      return data.length;
    },
  };
}

/**
 * ftrace_set_clr_event's matching of one set_event word: "sys:event", "sys:*",
 * "*:event", "sys:" or a bare name that is an event or a subsystem.
 */
function match_events(calls: readonly trace_event_call[], word: string): trace_event_call[] {
  const colon = word.indexOf(':');
  const sys = colon < 0 ? null : word.slice(0, colon) || null;
  const ev = colon < 0 ? word : word.slice(colon + 1) || null;
  const any = (s: string | null): s is null => s === null || s === '*';
  return calls.filter((c) => (colon < 0 ? c.name === ev || c.system === ev : (any(sys) || c.system === sys) && (any(ev) || c.name === ev)));
}

function set_event_ops(calls: readonly trace_event_call[]): kernfs_ops {
  return {
    show: () => calls.filter(event_on).map((c) => `${c.system}:${c.name}\n`).join(''),
    store: (_kn, data) => {
      for (const tok of new TextDecoder().decode(data).split(/\s+/).filter(Boolean)) {
        const clear = tok.startsWith('!');
        const hits = match_events(calls, clear ? tok.slice(1) : tok);
        if (!hits.length) return -EINVAL;
        for (const c of hits) event_set(c, !clear);
      }
      return data.length;
    },
  };
}

/** A directory, or the node already there (two declarations may share a subsystem). */
function mkdir(parent: kernfs_node, name: string, mode = TRACEFS_DIR_MODE): kernfs_node {
  const d = kernfs_create_dir(parent, name, mode, null);
  return typeof d === 'number' ? kernfs_find(parent, name)! : d;
}

/** event_trace_add_tracer → create_event_toplevel_files and the per-event event_create_dir calls, under `top`. */
function event_trace_add_tracer(top: kernfs_node): void {
  const calls = ftrace_events();
  kernfs_create_file(top, 'available_events', TRACE_MODE_READ, { show: () => calls.map((c) => `${c.system}:${c.name}\n`).join('') }, null);
  kernfs_create_file(top, 'set_event', TRACE_MODE_WRITE, set_event_ops(calls), null);
  const events = mkdir(top, 'events');
  kernfs_create_file(events, 'enable', TRACE_MODE_WRITE, enable_ops(calls, false), null);
  const systems = new Map<string, trace_event_call[]>();
  for (const c of calls) systems.set(c.system, [...(systems.get(c.system) ?? []), c]);
  for (const [system, sys_calls] of systems) {
    const sd = mkdir(events, system);
    kernfs_create_file(sd, 'enable', TRACE_MODE_WRITE, enable_ops(sys_calls, false), null);
    for (const c of sys_calls) kernfs_create_file(mkdir(sd, c.name), 'enable', TRACE_MODE_WRITE, enable_ops([c], true), null);
  }
}

/**
 * tracer_init_tracefs (fs_initcall): the files at tracefs's root, and
 * debugfs's "tracing" (an automount of the same tracefs in 6.1) showing them too.
 */
function tracer_init_tracefs(): number {
  tracefs_pin();
  event_trace_add_tracer(simple_fs_root('tracefs').kn);
  const dbg = debugfs_create_dir('tracing', null);
  if (typeof dbg === 'number') return dbg;
  dbg.mode = 0o700;
  event_trace_add_tracer(dbg);
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'tracer_init_tracefs', tracer_init_tracefs, 1_000]];
