// Small formatters for the status bar: virtual time, taint flags, module lists.
export function formatUptime(ns: number): string {
  if (!Number.isFinite(ns) || ns < 0) return '—';
  const s = ns / 1e9;
  if (s < 60) return `${s.toFixed(3)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${(s - m * 60).toFixed(1).padStart(4, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${String(m % 60).padStart(2, '0')}m`;
}

export function formatTaint(taint: string): string {
  return taint ? `tainted: ${taint}` : 'not tainted';
}

export function formatModules(modules: readonly string[]): string {
  return modules.length === 1 ? '1 module' : `${modules.length} modules`;
}
