// linux/tracepoint.h and trace/define_trace.h as a kernel without CONFIG_TRACEPOINTS gives them to a module (its
// TRACE_EVENT()s compile, trace_<name>() does nothing, registering a probe is -ENOSYS), and linux/uuid.h's GUIDs and
// UUIDs with vsprintf's %pU formats; proved by the fixture trace-uuid (builds with kbuild), as mei uses them.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { machine, sh, dmesg, toolchain } from '../modules/helpers.ts';
import { ROOT } from '../toolchain/helpers.ts';

/** The fixture built as its Kbuild says: ccflags-y := -I$(src), where define_trace.h finds the trace header again. */
async function build(): Promise<Uint8Array> {
  const dir = 'test/fixtures/drivers/trace-uuid';
  const files = readdirSync(join(ROOT, dir)).map((n) => ({ path: `${dir}/${n}`, text: readFileSync(join(ROOT, dir, n)) }));
  const r = await toolchain().build({ mode: 'kernel', sources: files.filter((f) => f.path.endsWith('.c')), extraFiles: files.filter((f) => f.path.endsWith('.h')), includeDirs: [dir] });
  expect(r.log).toBe('');
  return r.wasm!;
}

describe('a module\'s trace events and UUIDs', () => {
  it('builds TRACE_EVENT with CREATE_TRACE_POINTS, and prints and compares GUIDs as lib/uuid.c and vsprintf.c do', async () => {
    const m = machine({ '/root/kwb_tpuuid.ko': await build() });
    expect(sh(m, 'insmod /root/kwb_tpuuid.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).filter((l) => l.startsWith('kwb_tpuuid: ') && !l.includes('taint'))).toEqual([
      'kwb_tpuuid: 8e6a6715-9abc-4043-88ef-9e39c6f63e0f 15676a8e-bc9a-4340-88ef-9e39c6f63e0f 8E6A6715-9ABC-4043-88EF-9E39C6F63E0F',
      'kwb_tpuuid: uuid 8e6a6715-9abc-4043-88ef-9e39c6f63e0f, equal 1, copy cmp 0, null 1 0',
      'kwb_tpuuid: tracepoint enabled 0, register 1',
    ]);
    expect(sh(m, 'rmmod kwb_tpuuid; echo rc=$?')).toBe('rc=0\n');
  }, 300_000);
});
