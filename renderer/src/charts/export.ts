// What the charts and graphs export, as data: CSV text (RFC 4180 quoting) for the interrupt history and the boot timeline, JSON for the device graph, and the boot timeline drawn on a canvas for its PNG.
import type { IrqSample } from '../stores/interrupts.ts';
import type { BootSpan } from '../stores/trace.ts';
import type { DeviceSnapshot, GraphElement } from '../devices/model.ts';

/** One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
const field = (v: string | number | undefined): string => {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A CSV document: the header row, then one line per row, CRLF-free (one \n per line). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** The interrupt history as the chart shows it: one row per sample, virtual time in ns, then each line's count since boot. */
export function interruptsCsv(samples: readonly IrqSample[], lines: readonly number[], name: (irq: number) => string): string {
  return toCsv(['t_ns', ...lines.map(name)], samples.map((s) => [s.t, ...lines.map((irq) => s.counts.get(irq) ?? 0)]));
}

/** The boot timeline's spans: name, kind (boot phase or initcall), initcall level, start and duration in ns, return value. */
export function bootSpansCsv(spans: readonly BootSpan[]): string {
  return toCsv(['name', 'kind', 'level', 'start_ns', 'dur_ns', 'ret'], spans.map((s) => [s.name, s.kind, s.level, s.startNs, s.durNs, s.ret]));
}

/** The device graph as data: the view's name, the snapshot it was drawn from and its nodes and edges. */
export function graphJson(view: string, snapshot: DeviceSnapshot, elements: readonly GraphElement[]): string {
  return JSON.stringify({ view, snapshot, elements }, null, 2) + '\n';
}

export interface TimelineColors { bg: string; fg: string; boot: string; initcall: string; failed: string }

/** Draws the boot timeline (one row per span, bar and label) on a canvas, for its PNG export; returns the canvas. */
export function drawTimeline(canvas: HTMLCanvasElement, spans: readonly BootSpan[], c: TimelineColors, width = 1600): HTMLCanvasElement {
  const ROW = 16, LABEL = 360, PAD = 8;
  const end = Math.max(1, ...spans.map((s) => s.startNs + s.durNs));
  canvas.width = width;
  canvas.height = PAD * 2 + ROW * Math.max(1, spans.length);
  const g = canvas.getContext('2d');
  if (!g) return canvas;
  g.fillStyle = c.bg;
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.font = '11px monospace';
  g.textBaseline = 'middle';
  const span = width - LABEL - 2 * PAD;
  spans.forEach((s, i) => {
    const y = PAD + i * ROW;
    g.fillStyle = s.ret !== undefined && s.ret !== 0 ? c.failed : s.kind === 'boot' ? c.boot : c.initcall;
    g.fillRect(PAD + (s.startNs / end) * span, y + 3, Math.max(2, (s.durNs / end) * span), ROW - 6);
    g.fillStyle = c.fg;
    g.fillText(`${s.name}${s.level ? ` · ${s.level}` : ''} · ${(s.durNs / 1e6).toFixed(3)} ms`, PAD + span + 8, y + ROW / 2);
  });
  return canvas;
}

/** Saves a data: or blob: URL as a download (web); Electron asks where with its own save dialog. */
export function saveUrl(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves text (CSV, JSON) as a download; the blob's URL is let go once the download has it. */
export function saveText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveUrl(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
