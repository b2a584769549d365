// Handlers of the module methods: build, Build & Load (build, unload the old version, finit_module's load, and the kernel's verdict as data), unload.
import { moduleApi, type ModuleLoadResult, type ProbeOutcome } from '../../api/methods/module.ts';
import type { DmesgRecord, ParamsOf, TraceEvent } from '../../api/protocol.ts';
import { errname } from '../../include/uapi/asm-generic/errno.ts';
import { load_module, delete_module, O_NONBLOCK } from '../../kernel/module/main.ts';
import { find_module } from '../../kernel/module/list.ts';
import { trace_subscribe } from '../../kernel/trace/trace.ts';
import type { Machine } from '../../machine.ts';
import { defineMethods } from './define.ts';
import { build_module, type ModuleBuilder } from './module-build.ts';
import { kernel_call, kernel_call_or_killed } from './kernel-call.ts';

const REPORT_HEADLINE = /^(BUG:|WARNING:|general protection fault|kernel BUG at|Oops:)/;
/** Warnings every out-of-tree module prints: not reasons. */
const ROUTINE = /taints kernel|module verification failed/;

/**
 * The kernel's reasons among log records: each Oops/BUG/WARNING report as its
 * headline with the faulting source line (from RIP), and every other line
 * logged at KERN_WARNING or worse ("Unknown symbol", "probe of ... failed").
 */
export function kernel_reasons(records: readonly DmesgRecord[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (REPORT_HEADLINE.test(r.text)) {
      let where: string | undefined;
      let j = i + 1;
      for (; j < records.length && !/^---\[ end /.test(records[j]!.text); j++) where ??= /^RIP: .*?([\w./-]+\.[ch]:\d+)\s*$/.exec(records[j]!.text)?.[1];
      out.push(where ? `${r.text} at ${where}` : r.text);
      i = j;
    } else if (r.level <= 4 && !ROUTINE.test(r.text)) out.push(r.text);
  }
  return out;
}

/** Runs one kernel step while recording the log records and the probe outcomes it causes. */
function observed<R>(m: Machine, step: () => R): { value: R; dmesg: DmesgRecord[]; probes: ProbeOutcome[] } {
  const since = (m.dmesg().at(-1)?.seq ?? -1) + 1;
  const events: TraceEvent[] = [];
  const off = m.inspect(() => trace_subscribe((e) => { if (e.cat === 'device' && e.name === 'probe_end') events.push(e); }));
  let value: R;
  try { value = step(); } finally { m.inspect(() => off()); }
  const probes = events.map((e): ProbeOutcome => {
    const a = (e.args ?? {}) as { dev?: string; driver?: string | null; bus?: string | null; ret?: number; state?: ProbeOutcome['state'] };
    const ret = a.ret ?? 0;
    return { device: a.dev ?? '', driver: a.driver ?? null, bus: a.bus ?? null, ret, errno: ret < 0 ? errname(-ret) : null, state: a.state ?? (ret < 0 ? 'failed' : 'bound') };
  });
  return { value, dmesg: m.dmesg(since), probes };
}

/** The devices bound to this module's drivers, from the driver model's snapshot. */
function bound_devices(m: Machine, modname: string): ModuleLoadResult['devices'] {
  const snap = m.devicesSnapshot();
  const byPath = new Map(snap.devices.map((d) => [d.devpath, d]));
  return snap.drivers.filter((d) => d.module === modname).flatMap((drv) => drv.devices.map((p) => {
    const d = byPath.get(p);
    return { devpath: p, name: d?.name ?? p.split('/').pop() ?? p, driver: drv.name, bus: d?.bus ?? drv.bus };
  }));
}

function unload(m: Machine, name: string): number {
  return kernel_call(m, `rmmod ${name}`, () => delete_module(name, O_NONBLOCK));
}

/**
 * Build & Load on a machine: builds, unloads a loaded version, loads the new
 * one in the kernel's request thread (finit_module's path) and reports the
 * outcome. The module.load method, and any host with a Machine (the CLI, the
 * lab grader), call this.
 */
export async function module_load(m: Machine, builder: ModuleBuilder, params: ParamsOf<'module.load'>): Promise<ModuleLoadResult> {
  const { args = '', ...buildParams } = params;
  const { result, ko } = await build_module(builder, buildParams);
  const { ko: _ko, ...build } = result;
  const modname = result.modname;
  const base: ModuleLoadResult = { modname, build, loaded: false, replaced: false, killed: false, errno: null, reasons: [], dmesg: [], probes: [], devices: [] };
  if (!ko) return base;
  // The .ko stays in the guest, for insmod by hand.
  m.putFile(`/root/${modname}.ko`, ko);
  const run = observed(m, () => {
    let replaced = false;
    if (m.inspect(() => find_module(modname))) {
      const r = unload(m, modname);
      if (r < 0) return { replaced, ret: r, refusedUnload: true, killed: false };
      replaced = true;
    }
    const load = kernel_call_or_killed(m, `insmod ${modname}.ko`, () => load_module(ko, args));
    return { replaced, ret: load.killed ? 0 : load.value, refusedUnload: false, killed: load.killed };
  });
  const { replaced, ret, refusedUnload, killed } = run.value;
  const loaded = !killed && ret === 0;
  const reasons = kernel_reasons(run.dmesg);
  if (refusedUnload) reasons.unshift(`rmmod: ERROR: Module ${modname} is in use (${errname(-ret)})`);
  return {
    ...base, replaced, loaded, killed, errno: ret < 0 ? errname(-ret) : null, reasons, dmesg: run.dmesg, probes: run.probes,
    devices: loaded ? bound_devices(m, modname) : [],
  };
}

export const moduleMethods = defineMethods(moduleApi, {
  build: async (params, ctx) => (await build_module(await ctx.builder(), params)).result,

  'module.load': async (params, ctx) => module_load(ctx.machine(), await ctx.builder(), params),

  'module.unload': (params, ctx) => {
    const m = ctx.machine();
    const run = observed(m, () => unload(m, params.name));
    return { unloaded: run.value === 0, errno: run.value < 0 ? errname(-run.value) : null, reasons: kernel_reasons(run.dmesg) };
  },
});
