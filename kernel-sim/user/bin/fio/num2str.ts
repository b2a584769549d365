// Models fio 3.33's lib/num2str.c and the unit parsing of parse.c: numbers shortened to a number of significant figures with SI or IEC prefixes ("12.3k", "48.0MiB/s"), and sizes and times as job options take them ("4k", "16M", "10s", "500ms").

export const N2S_NONE = '', N2S_BYTE = 'B', N2S_BYTEPERSEC = 'B/s';

/** num2str(num, maxlen, base=1, pow2, units): divided by 1000 (1024) until it fits maxlen digits, then as many decimals as room is left. */
export function num2str(num: number, maxlen: number, pow2: boolean, units: string): string {
  const prefix = pow2 ? ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'] : ['', 'k', 'M', 'G', 'T', 'P'];
  const thousand = pow2 ? 1024 : 1000;
  let n = Math.floor(num), post = 0, modulo = -1, carry = false;
  while (post < prefix.length) {
    if (String(n).length <= maxlen) break;
    modulo = n % thousand;
    n = Math.floor(n / thousand);
    carry = modulo >= thousand / 2;
    post++;
  }
  if (post >= prefix.length) post = 0;
  if (modulo === -1) return `${n}${prefix[post]}${units}`;
  const room = maxlen - String(n).length;
  if (room <= 1) return `${carry ? n + 1 : n}${prefix[post]}${units}`;
  // sprintf("%.*f", room - 1, modulo / thousand) and the digits after "0." (a rounding up to 1.00 keeps "00", as fio does).
  const frac = (modulo / thousand).toFixed(room - 1).slice(2);
  return `${n}.${frac}${prefix[post]}${units}`;
}

const SIZE_MULT: Readonly<Record<string, number>> = {
  '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3,
  t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4,
};

/** str_to_decimal for sizes: kb_base=1024, so k, K, KiB and KB are all 1024 (fio's default). */
export function parse_size(s: string): number | null {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(s);
  const mult = m ? SIZE_MULT[m[2]!.toLowerCase()] : undefined;
  return m && mult !== undefined ? Number(m[1]) * mult : null;
}

const TIME_MULT: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, usec: 1e-6, ms: 1e-3, msec: 1e-3, s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 };

/** A time option in seconds ("10" is seconds, "250ms", "1m"). */
export function parse_time(s: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(s);
  const mult = m ? (m[2] ? TIME_MULT[m[2].toLowerCase()] : 1) : undefined;
  return m && mult !== undefined ? Number(m[1]) * mult : null;
}
