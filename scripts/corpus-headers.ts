// Measures, once, which Linux 6.1 headers each header shipped in resources/include reaches through its includes on
// Linux (gcc -M over Debian's linux-headers with kbuild's include flags), and writes the header-closure test's fixture
// test/fixtures/api/linux-6.1-header-closures.json. Run: npx tsx scripts/corpus-headers.ts [HEADER...] (needs linux-headers-*-amd64).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const INCLUDE = join(ROOT, 'resources/include');
const amd64 = readdirSync('/usr/src').find((n) => /^linux-headers-.*-amd64$/.test(n));
if (!amd64) { process.stderr.write('corpus-headers: no /usr/src/linux-headers-*-amd64 (apt-get install linux-headers-amd64)\n'); process.exit(1); }
const A = join('/usr/src', amd64), C = A.replace(/-amd64$/, '-common');

/** Linux's include path, in kbuild's order (scripts/Makefile.lib, LINUXINCLUDE), each with the name its files take. */
const DIRS: [string, string][] = [
  [`${C}/arch/x86/include/uapi/`, 'uapi/'], [`${A}/arch/x86/include/generated/uapi/`, 'uapi/'],
  [`${C}/arch/x86/include/`, ''], [`${A}/arch/x86/include/generated/`, ''],
  [`${C}/include/`, ''], [`${A}/include/`, ''],
];
const FLAGS = ['-nostdinc', '-D__KERNEL__', '-DMODULE',
  '-I', `${C}/arch/x86/include`, '-I', `${A}/arch/x86/include/generated`, '-I', `${C}/include`, '-I', `${A}/include`,
  '-I', `${C}/arch/x86/include/uapi`, '-I', `${A}/arch/x86/include/generated/uapi`, '-I', `${C}/include/uapi`, '-I', `${A}/include/generated/uapi`,
  '-include', `${C}/include/linux/compiler-version.h`, '-include', `${C}/include/linux/kconfig.h`, '-include', `${C}/include/linux/compiler_types.h`];

/** The headers a translation unit of `text` reaches on Linux, by include name (linux/x.h, asm/x.h, uapi/linux/x.h). */
function closure(text: string): string[] | string {
  try {
    const out = execFileSync('gcc', ['-M', '-x', 'c', '-', ...FLAGS], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    const files = out.replace(/\\\n/g, ' ').split(/\s+/).filter((f) => f.endsWith('.h'));
    return [...new Set(files.map((f) => { const d = DIRS.find(([p]) => f.startsWith(p)); return d ? d[1] + f.slice(d[0].length) : f; }))].sort();
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e).split('\n').find((l) => l.includes('error')) ?? 'gcc failed';
  }
}

const shipped: string[] = [];
const walk = (d: string): void => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) { if (n !== 'user' && n !== 'generated') walk(p); } else if (n.endsWith('.h')) shipped.push(relative(INCLUDE, p));
  }
};
walk(INCLUDE);
/** Headers other parts of the tree are about to ship (the block API's genhd.h, ...), measured ahead so their arrival is compared. */
const AHEAD = ['linux/genhd.h', 'linux/kfifo.h', 'linux/idr.h', 'linux/reboot.h', 'linux/file.h', 'linux/firmware.h', 'linux/freezer.h',
  'linux/of_irq.h', 'linux/regulator/consumer.h', 'linux/time64.h', 'linux/configfs.h', 'linux/netdevice.h', 'linux/etherdevice.h',
  'linux/skbuff.h', 'linux/hdreg.h', 'linux/major.h', 'linux/blk_types.h', 'linux/bvec.h', 'linux/part_stat.h', 'linux/usb/storage.h'];
for (const h of AHEAD) if (!shipped.includes(h)) shipped.push(h);
shipped.sort();
const FIXTURE = join(ROOT, 'test/fixtures/api/linux-6.1-header-closures.json');
// `npx tsx scripts/corpus-headers.ts linux/a.h misc/b.h` measures just those headers into the fixture as it stands
// (a part that ships a header adds its closure without re-measuring, and so rewriting, everyone else's).
const only = process.argv.slice(2);
const kept = only.length ? JSON.parse(readFileSync(FIXTURE, 'utf8')) as { names: string[]; closures: Record<string, number[] | string> } : null;
const names: string[] = kept?.names ?? [];
const index = (n: string): number => { let i = names.indexOf(n); if (i < 0) { i = names.length; names.push(n); } return i; };
const baseline = closure('');
if (typeof baseline === 'string') throw new Error(baseline);
const closures: Record<string, number[] | string> = kept?.closures ?? {};
for (const h of only.length ? only : shipped) {
  const c = closure(`#include <${h}>\n`);
  closures[h] = typeof c === 'string' ? c : c.filter((x) => !baseline.includes(x)).map(index);
}
writeFileSync(FIXTURE, `${JSON.stringify({
  measured: `gcc -M over Debian ${amd64} with kbuild's include flags; a header's closure leaves out what every unit reaches through kbuild's -include files (baseline)`,
  baseline, names, closures,
})}\n`);
process.stdout.write(`${only.length || shipped.length} headers, ${names.length} Linux headers reached\n`);
