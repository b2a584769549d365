// The renderer's attach service: stores subscribed per subscriber and backfilled from boot on connect, reconnect, kernel-sim restart and reboot; the interrupt chart from boot then live; device attributes and actions through the VFS methods.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { AttachService, type AttachedStore, type SyncReason } from '../../renderer/src/kernel/attach.ts';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { useDmesgStore } from '../../renderer/src/stores/dmesg.ts';
import { useTraceStore } from '../../renderer/src/stores/trace.ts';
import { interruptRates, useInterruptsStore } from '../../renderer/src/stores/interrupts.ts';
import { useDevicesStore } from '../../renderer/src/stores/devices.ts';
import { useSessionStore } from '../../renderer/src/stores/session.ts';
import InterruptChart from '../../renderer/src/components/InterruptChart.vue';
import type { IrqHistory } from '../../kernel-sim/api/methods/irq.ts';
import { FakeTransport, machineInfo, settle } from './fakes.ts';

beforeEach(() => setActivePinia(createPinia()));

function connected() {
  const t = new FakeTransport();
  const c = new KernelClient(t);
  t.setState('open');
  return { t, c };
}

/** A store that records its backfills. */
function recorder(name: string, streams: AttachedStore['streams'] = ['dmesg']) {
  const reasons: SyncReason[] = [];
  let release: (() => void) | null = null;
  const store: AttachedStore = {
    name, streams,
    backfill: (_c, reason) => { reasons.push(reason); return new Promise<void>((ok) => { release = ok; }); },
  };
  return { store, reasons, finish: async () => { release?.(); release = null; await settle(10); } };
}

const subscribes = (t: FakeTransport) => t.requests('events.subscribe').map((r) => r.params);

describe('attach service', () => {
  it('subscribes each store under its own name and backfills it when connected', async () => {
    const { t, c } = connected();
    const a = recorder('a', ['dmesg']);
    const b = recorder('b', ['trace']);
    const svc = new AttachService(c);
    svc.add(a.store);
    svc.add(b.store);
    await settle();
    expect(subscribes(t)).toEqual([{ subscriber: 'a', streams: ['dmesg'] }, { subscriber: 'b', streams: ['trace'] }]);
    t.reply('events.subscribe', { streams: ['dmesg'] });
    t.reply('events.subscribe', { streams: ['dmesg', 'trace'] });
    await settle();
    expect(a.reasons).toEqual(['connect']);
    expect(b.reasons).toEqual(['connect']);
  });

  it('backfills again after a reconnect, a kernel-sim restart and a reboot, and once more for a trigger during a backfill', async () => {
    const { t, c } = connected();
    const a = recorder('a');
    const svc = new AttachService(c);
    svc.add(a.store);
    await settle();
    t.reply('events.subscribe', { streams: [] });
    await settle();
    expect(a.reasons).toEqual(['connect']);
    // While the first backfill runs: a machine event (first boot seen: no resync), then a reboot, then a restart.
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ bootCount: 1 }) });
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ bootCount: 2 }) });
    t.deliver({ type: 'event', stream: 'host', data: { restarted: true, reason: 'test' } });
    await a.finish();
    t.reply('events.subscribe', { streams: [] });
    await settle();
    expect(a.reasons).toEqual(['connect', 'restart']);
    await a.finish();
    t.setState('connecting');
    t.setState('open');
    await settle();
    t.reply('events.subscribe', { streams: [] });
    await settle();
    expect(a.reasons).toEqual(['connect', 'restart', 'connect']);
    await a.finish();
    // The restarted kernel-sim's machine: its first boot is what was just backfilled; its reboot is new.
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ bootCount: 1 }) });
    await settle();
    expect(t.requests('events.subscribe')).toHaveLength(3);
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ bootCount: 2 }) });
    await settle();
    t.reply('events.subscribe', { streams: [] });
    await settle();
    expect(a.reasons).toEqual(['connect', 'restart', 'connect', 'boot']);
    expect(svc.errors.size).toBe(0);
  });

  it('keeps a failed backfill\'s error and retries on the next trigger; detaching unsubscribes', async () => {
    const { t, c } = connected();
    const dmesg = useDmesgStore();
    const svc = new AttachService(c);
    const off = svc.add(dmesg.source);
    await settle();
    t.reply('events.subscribe', { streams: ['dmesg'] });
    await settle();
    const req = t.requests('dmesg.read')[0]!;
    t.answered.add(req.id);
    t.deliver({ type: 'response', id: req.id, ok: false, error: { code: 'EBUSY', message: 'the machine is booting' } });
    await settle();
    expect(svc.errors.get('dmesg')).toBeDefined();
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ bootCount: 1 }) });
    t.deliver({ type: 'event', stream: 'machine', data: machineInfo({ bootCount: 2 }) });
    await settle();
    t.reply('events.subscribe', { streams: ['dmesg'] });
    await settle();
    t.reply('dmesg.read', { records: [{ seq: 0, tsNs: 0, level: 5, facility: 0, text: 'Linux version 6.1.0' }] });
    await settle();
    expect(dmesg.records.map((r) => r.text)).toEqual(['Linux version 6.1.0']);
    expect(svc.errors.size).toBe(0);
    t.deliver({ type: 'event', stream: 'dmesg', data: [{ seq: 1, tsNs: 5, level: 6, facility: 0, text: 'live' }] });
    expect(dmesg.records.map((r) => r.text)).toEqual(['Linux version 6.1.0', 'live']);
    off();
    expect(t.requests('events.unsubscribe').at(-1)!.params).toEqual({ subscriber: 'dmesg' });
    t.deliver({ type: 'event', stream: 'dmesg', data: [{ seq: 2, tsNs: 6, level: 6, facility: 0, text: 'after' }] });
    expect(dmesg.records).toHaveLength(2);
  });

  it('backfills the trace view from the kernel\'s trace buffer, then appends live events', async () => {
    const { t, c } = connected();
    const trace = useTraceStore();
    new AttachService(c).add(trace.source);
    await settle();
    t.reply('events.subscribe', { streams: ['trace'] });
    await settle();
    t.reply('trace.export', { json: JSON.stringify({ traceEvents: [{ name: 'setup_arch', cat: 'boot', ph: 'X', ts: 1, dur: 2, pid: 0, tid: 0 }] }) });
    await settle();
    t.deliver({ type: 'event', stream: 'trace', data: [{ ts: 9000, cat: 'sched', name: 'sched_process_fork', ph: 'i', pid: 1, tid: 1 }] });
    expect(trace.events.map((e) => e.name)).toEqual(['setup_arch', 'sched_process_fork']);
    expect(trace.spans.map((s) => s.name)).toEqual(['setup_arch']);
  });
});

const history = (samples: Array<[number, number[]]>, lines = [{ irq: 0, label: 'timer' }, { irq: 11, label: 'edu' }]): IrqHistory => ({
  intervalNs: 100e6, nowNs: (samples.at(-1)?.[0] ?? 0) + 1, lines, samples: samples.map(([t, counts]) => ({ t, counts })),
});

describe('interrupts store and chart', () => {
  it('computes rates per line between samples', () => {
    const s = (t: number, edu: number) => ({ t, counts: new Map([[0, 124], [11, edu]]) });
    expect(interruptRates([s(100e6, 0), s(200e6, 5), s(400e6, 5)]).map((r) => [r.t, r.rates.get(11), r.rates.get(0)])).toEqual([[200e6, 50, 0], [400e6, 0, 0]]);
  });

  it('draws from boot when opened late, then live samples; no guest command is run', async () => {
    vi.useFakeTimers();
    try {
      const { t, c } = connected();
      const irqs = useInterruptsStore();
      new AttachService(c).add(irqs.source);
      await settle();
      t.reply('events.subscribe', { streams: ['trace'] });
      await settle();
      t.reply('irq.history', history([[100e6, [124, 0]], [200e6, [124, 0]], [300e6, [124, 3]], [400e6, [124, 3]]]));
      await settle();
      expect(irqs.active).toEqual([11]);
      // The chart opens after all that: it still starts at boot.
      const pushed: Array<[string, number, number]> = [];
      const FakeChart = defineComponent({ setup(_p, { expose }) { expose({ push: (n: string, x: number, y: number) => pushed.push([n, x, y]), clear: () => { pushed.length = 0; } }); return () => h('div'); } });
      const w = mount(InterruptChart, { global: { stubs: { StreamingChart: FakeChart } } });
      await w.vm.$nextTick();
      expect(pushed).toEqual([['11 edu', 0.2, 0], ['11 edu', 0.3, 30], ['11 edu', 0.4, 0]]);
      expect(w.get('[data-testid="irq-totals"]').text()).toContain('11 edu 3');
      // A sample tracepoint: the store catches up from the kernel's ring (the quiet boundaries before it included).
      t.deliver({ type: 'event', stream: 'trace', data: [{ ts: 6e8, cat: 'irq', name: 'irq_history_sample', ph: 'i', pid: 0, tid: 0, args: { t: 6e8, interval_ns: 1e8, counts: { 0: 124, 11: 5 } } }] });
      await settle();
      expect(t.requests('irq.history').at(-1)!.params).toEqual({ sinceNs: 400e6 });
      t.reply('irq.history', history([[500e6, [124, 3]], [600e6, [124, 5]]]));
      await settle();
      await w.vm.$nextTick();
      expect(pushed.slice(3)).toEqual([['11 edu', 0.5, 0], ['11 edu', 0.6, 20]]);
      // While the chart is open, it catches up once a second even when no line changes.
      await vi.advanceTimersByTimeAsync(1000);
      expect(t.requests('irq.history').at(-1)!.params).toEqual({ sinceNs: 600e6 });
      w.unmount();
      const n = t.requests('irq.history').length;
      await vi.advanceTimersByTimeAsync(3000);
      expect(t.requests('irq.history')).toHaveLength(n);
      expect(t.requests('shell.run')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('devices store through the VFS methods', () => {
  it('reads a device\'s sysfs attributes with fs.readdir and fs.read, and acts with fs.write', async () => {
    const { t, c } = connected();
    useSessionStore().client = c as never;
    const devices = useDevicesStore();
    const dir = '/sys/devices/pci0000:00/0000:00:02.0';
    const picked = devices.select(dir);
    await settle();
    expect(t.reply('fs.readdir', { path: dir, entries: [
      { name: 'vendor', type: 'file' }, { name: 'driver', type: 'link' }, { name: 'config', type: 'file' }, { name: 'remove', type: 'file' }, { name: 'power', type: 'dir' },
    ] }).params).toEqual({ path: dir });
    await settle();
    expect(t.requests('fs.read').map((r) => (r.params as { path: string }).path)).toEqual([`${dir}/config`, `${dir}/remove`, `${dir}/vendor`]);
    t.reply('fs.read', { path: `${dir}/config`, data: '\u0034\u0012\u00e8\u0011\u0000\u0000', encoding: 'utf8', size: 6, truncated: false });
    const remove = t.requests('fs.read')[1]!;
    t.answered.add(remove.id);
    t.deliver({ type: 'response', id: remove.id, ok: false, error: { code: 'EIO', message: 'write-only' } });
    t.reply('fs.read', { path: `${dir}/vendor`, data: '0x1234\n', encoding: 'utf8', size: 7, truncated: false });
    await picked;
    expect(devices.attrs).toEqual([{ name: 'config', value: '(binary, 6 bytes)' }, { name: 'vendor', value: '0x1234' }]);
    const act = devices.runAction({ id: 'unbind', label: 'Unbind', path: '/sys/bus/pci/drivers/edu/unbind', value: '0000:00:02.0' });
    await settle();
    const w = t.requests('fs.write')[0]!;
    expect(w.params).toEqual({ path: '/sys/bus/pci/drivers/edu/unbind', data: '0000:00:02.0\n' });
    t.deliver({ type: 'response', id: w.id, ok: false, error: { code: 'ENODEV', message: '/sys/bus/pci/drivers/edu/unbind: No such device' } });
    await act;
    expect(devices.lastAction).toMatchObject({ path: '/sys/bus/pci/drivers/edu/unbind', error: '/sys/bus/pci/drivers/edu/unbind: No such device' });
    expect(t.requests('shell.run')).toEqual([]);
  });
});
