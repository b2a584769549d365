// Models lm-sensors 3.6 prog/sensors (main.c, chips.c) for temperature chips: one block per hwmon device ("lm75-i2c-0-48", its adapter, tempN lines with high/hyst/crit limits), read from /sys/class/hwmon.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';

/** A chip as libsensors names it: prefix-bustype-bus-address. */
interface chip { name: string; adapter: string; dir: string; prefix: string }

function* read_line(c: Libc, path: string): KGen<string | null> {
  const t = yield* c.read_text(path);
  return typeof t === 'number' ? null : t.replace(/\n$/, '');
}

/** sensors_read_sysfs_chip(): the chip name from "name" and the device link (an I2C client "N-00AA" on adapter i2c-N). */
function* scan_chips(c: Libc): KGen<chip[]> {
  const ents = yield* c.readdir('/sys/class/hwmon');
  if (typeof ents === 'number') return [];
  const out: chip[] = [];
  for (const e of ents.filter((x) => /^hwmon\d+$/.test(x.name)).sort((a, b) => Number(a.name.slice(5)) - Number(b.name.slice(5)))) {
    const dir = `/sys/class/hwmon/${e.name}`;
    const prefix = yield* read_line(c, `${dir}/name`);
    if (!prefix) continue;
    const link = yield* c.readlink(`${dir}/device`);
    const devname = typeof link === 'string' ? link.split('/').at(-1)! : '';
    const i2c = /^(\d+)-([0-9a-f]{4})$/.exec(devname);
    if (i2c) {
      const adapter = (yield* read_line(c, `/sys/bus/i2c/devices/i2c-${i2c[1]}/name`)) ?? '';
      out.push({ name: `${prefix}-i2c-${i2c[1]}-${i2c[2]!.slice(2)}`, adapter, dir, prefix });
    } else out.push({ name: `${prefix}-virtual-0`, adapter: 'Virtual device', dir, prefix });
  }
  return out;
}

/** print_temp() for one channel: value and the limits the chip has, at %+6.1f / %+5.1f. */
function* print_temp(c: Libc, dir: string, n: number): KGen<string | null> {
  const num = function* (attr: string): KGen<number | null> {
    const v = yield* read_line(c, `${dir}/temp${n}_${attr}`);
    return v === null || !/^-?\d+$/.test(v) ? null : Number(v) / 1000;
  };
  const input = yield* num('input');
  if (input === null) return null;
  const label = (yield* read_line(c, `${dir}/temp${n}_label`)) ?? `temp${n}`;
  const f6 = (v: number) => (v >= 0 ? `+${v.toFixed(1)}` : v.toFixed(1)).padStart(6);
  const f5 = (v: number) => (v >= 0 ? `+${v.toFixed(1)}` : v.toFixed(1)).padStart(5);
  const limits: string[] = [];
  const high = yield* num('max'), hyst = yield* num('max_hyst'), low = yield* num('min'), crit = yield* num('crit'), crit_hyst = yield* num('crit_hyst');
  if (low !== null) limits.push(`low  = ${f5(low)}°C`);
  if (high !== null) limits.push(`high = ${f5(high)}°C`);
  if (hyst !== null) limits.push(`hyst = ${f5(hyst)}°C`);
  if (crit !== null) limits.push(`crit = ${f5(crit)}°C`);
  if (crit_hyst !== null) limits.push(`hyst = ${f5(crit_hyst)}°C`);
  const alarm = (yield* read_line(c, `${dir}/temp${n}_alarm`)) === '1' ? '  ALARM' : '';
  return `${`${label}:`.padEnd(13)}${f6(input)}°C${limits.length ? `  (${limits.join(', ')})` : ''}${alarm}\n`;
}

export function* sensors_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.includes('-v') || argv.includes('--version')) { yield* c.write(1, 'sensors version 3.6.0 with libsensors version 3.6.0\n'); return 0; }
  const want = argv.slice(1).filter((a) => !a.startsWith('-'));
  const chips = (yield* scan_chips(c)).filter((ch) => !want.length || want.some((w) => w === ch.name || w === ch.prefix || w === `${ch.prefix}-*`));
  if (!chips.length) {
    if (want.length) { yield* c.write(2, `Specified sensor(s) not found!\n`); return 1; }
    yield* c.write(2, 'No sensors found!\nMake sure you loaded all the kernel drivers you need.\nTry sensors-detect to find out which these are.\n');
    return 1;
  }
  let out = '';
  for (const ch of chips) {
    out += `${ch.name}\nAdapter: ${ch.adapter}\n`;
    for (let n = 1; n <= 16; n++) {
      const line = yield* print_temp(c, ch.dir, n);
      if (line) out += line;
    }
    out += '\n';
  }
  yield* c.write(1, out);
  return 0;
}
