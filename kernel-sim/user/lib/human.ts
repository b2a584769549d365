// Models gnulib's human.c as ls -h and df -h use it, and procps' scale_size for free -h.

/** ls -h / du -h: powers of 1024, one decimal below 10, always rounded up ("4.0K", "12K", "1.5M"). */
export function human_size(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T', 'P', 'E'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    if (r >= 10) return `${Math.ceil(r)}${units[u]}`;
    return `${r.toFixed(1)}${units[u]}`;
  }
  let r = Math.ceil(v);
  if (r >= 1024 && u < units.length - 1) { r = 1; return `1.0${units[u + 1]}`; }
  return `${r}${units[u]}`;
}

/** procps free -h: "1.9Gi", "345Mi", "0B" (kibibytes in). */
export function free_human(kib: number, si = false): string {
  const base = si ? 1000 : 1024;
  const units = si ? ['B', 'K', 'M', 'G', 'T', 'P'] : ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let bytes = kib * 1024;
  if (bytes < base) return `${bytes}B`;
  let u = 0;
  while (bytes >= base && u < units.length - 1) { bytes /= base; u++; }
  if (bytes < 10) return `${(Math.round(bytes * 10) / 10).toFixed(1)}${units[u]}`;
  return `${Math.round(bytes)}${units[u]}`;
}
