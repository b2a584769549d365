// Models util-linux's size_to_human_string (lib/strutils.c) with one-letter suffixes, as lsblk and findmnt print sizes: powers of 1024, one rounded decimal, "1G", "1023M", "238.5G", "512B".

const SUFFIXES = 'BKMGTPE';

export function size_to_human_string(bytes: number): string {
  let exp = 0;
  while (exp < 60 && bytes >= 2 ** (exp + 10)) exp += 10;
  let dec = Math.floor(bytes / 2 ** exp);
  // Three digits of the fraction, rounded to one (4.156K -> 4.2K).
  let frac = exp ? Math.floor(((bytes % 2 ** exp) * 1000) / 2 ** exp) : 0;
  if (frac) {
    frac = Math.floor((frac + 50) / 100);
    if (frac === 10) { dec++; frac = 0; }
  }
  const suffix = SUFFIXES[exp / 10]!;
  return frac ? `${dec}.${frac}${suffix}` : `${dec}${suffix}`;
}
