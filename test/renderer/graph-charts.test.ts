// Device graphs react to bind/unbind/probe events; the graph's drawing decisions (label boxes, readable default zoom, wheel steps, change highlights, search); the Devices view's list; streaming-chart plumbing (ring buffer, decimation, 30 Hz throttle); the kernel API index; the DTS tokenizer rules.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { applyDeviceEvent, driverModelElements, fromKernelSnapshot, pciElements, sysfsElements, type DeviceSnapshot } from '../../renderer/src/devices/model.ts';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { FakeTransport, settle } from './fakes.ts';
import type { DevicesSnapshot } from '../../kernel-sim/api/devices.ts';
import { deviceActions, useDevicesStore } from '../../renderer/src/stores/devices.ts';
import { AttachService } from '../../renderer/src/kernel/attach.ts';
import { decimate, FrameThrottle, RingBuffer } from '../../renderer/src/charts/stream.ts';
import { indexHeader, KernelApi } from '../../renderer/src/editor/kernel-api.ts';
import DevicesView from '../../renderer/src/components/DevicesView.vue';
import { busiestTop, changedNodes, columns, DAGRE_MAX_NODES, DEFAULT_ZOOM_FLOOR, GROUP_PAD, GROUP_TITLE, groupedLayout, initialViewport, LABEL_FONT, labelBox, mixColors, nodeKey, READABLE_PX, searchNodes, sized, treeLayout, wheelFactor } from '../../renderer/src/devices/graph.ts';

const EDU = '/sys/devices/pci0000:00/0000:00:02.0';
const snap = (): DeviceSnapshot => ({
  buses: ['pci', 'platform'],
  drivers: [{ name: 'edu', bus: 'pci' }],
  classes: ['misc'],
  devices: [
    { path: '/sys/devices/pci0000:00/0000:00:00.0', name: '0000:00:00.0', bus: 'pci', state: 'unbound', pci: { bdf: '0000:00:00.0', vendor: 0x8086, device: 0x29c0, class: 0x060000 } },
    { path: EDU, name: '0000:00:02.0', bus: 'pci', state: 'unbound', pci: { bdf: '0000:00:02.0', vendor: 0x1234, device: 0x11e8, class: 0x00ff00, irq: 11 } },
    { path: '/sys/devices/pci0000:00/0000:00:1c.0', name: '0000:00:1c.0', bus: 'pci', state: 'bound', driver: 'pcieport', pci: { bdf: '0000:00:1c.0', vendor: 0x1b36, device: 0x000c, class: 0x060400, secondary: 1 } },
    { path: '/sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0', name: '0000:01:00.0', parent: '/sys/devices/pci0000:00/0000:00:1c.0', bus: 'pci', state: 'unbound', pci: { bdf: '0000:01:00.0', vendor: 0x1af4, device: 0x1042, class: 0x010000 } },
  ],
});

beforeEach(() => setActivePinia(createPinia()));

describe('device graph model', () => {
  it('turns the edu node bound on a bind event and unbound again on unbind, with the driver edge following', () => {
    let s = snap();
    const node = () => driverModelElements(s).find((e) => e.data.id === `dev:${EDU}`)!;
    const edge = () => driverModelElements(s).find((e) => e.data.id === `d:${EDU}`);
    expect(node().classes).toBe('device unbound');
    expect(edge()).toBeUndefined();
    s = applyDeviceEvent(s, { type: 'driver.bind', path: EDU, driver: 'edu' });
    expect(node().classes).toBe('device bound');
    expect(edge()).toMatchObject({ data: { source: 'drv:pci:edu', target: `dev:${EDU}` }, classes: 'binds bound' });
    s = applyDeviceEvent(s, { type: 'driver.unbind', path: EDU });
    expect(node().classes).toBe('device unbound');
    expect(edge()).toBeUndefined();
  });

  it('shows a failed probe with its errno and a deferred one', () => {
    let s = applyDeviceEvent(snap(), { type: 'probe.failed', path: EDU, driver: 'edu', errno: -19 });
    expect(driverModelElements(s).find((e) => e.data.id === `dev:${EDU}`)).toMatchObject({ classes: 'device failed', data: { label: '0000:00:02.0\nedu ENODEV' } });
    s = applyDeviceEvent(s, { type: 'probe.deferred', path: EDU, driver: 'edu' });
    expect(driverModelElements(s).find((e) => e.data.id === `dev:${EDU}`)!.classes).toBe('device deferred');
  });

  it('removes a device and its children; adds hot-plugged ones', () => {
    let s = applyDeviceEvent(snap(), { type: 'device.remove', path: '/sys/devices/pci0000:00/0000:00:1c.0' });
    expect(s.devices.map((d) => d.name)).toEqual(['0000:00:00.0', '0000:00:02.0']);
    s = applyDeviceEvent(s, { type: 'device.add', device: { path: '/sys/devices/pci0000:00/0000:00:03.0', name: '0000:00:03.0', bus: 'pci', state: 'unbound' } });
    expect(s.devices).toHaveLength(3);
  });

  it('draws the PCI tree like lspci -tv: bridges parent their endpoints, labels carry BDF, IDs, driver and IRQ', () => {
    const els = pciElements(snap());
    expect(els.find((e) => e.data.id === `dev:${EDU}`)!.data.label).toBe('00:02.0 1234:11e8 irq 11');
    expect(els.find((e) => e.data.id === 'dev:/sys/devices/pci0000:00/0000:00:1c.0')!.classes).toContain('bridge');
    expect(els.find((e) => e.data.id === 'p:/sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0')!.data.source).toBe('dev:/sys/devices/pci0000:00/0000:00:1c.0');
    expect(els.filter((e) => e.data.kind === 'host').map((e) => e.data.label)).toEqual(['pci0000:00']);
    expect(sysfsElements(snap()).filter((e) => e.group === 'nodes').map((e) => e.data.label)).toContain('devices');
  });

  it('offers the actions a person would try, as sysfs writes', () => {
    const bound = { ...snap().devices[1]!, driver: 'edu', state: 'bound' as const };
    expect(deviceActions(bound).map((a) => [a.path, a.value])).toEqual([
      ['/sys/bus/pci/drivers/edu/unbind', '0000:00:02.0'],
      [`${EDU}/remove`, '1'],
      ['/sys/bus/pci/rescan', '1'],
    ]);
    expect(deviceActions({ ...bound, state: 'unbound' })[0]).toMatchObject({ id: 'bind', path: '/sys/bus/pci/drivers/edu/bind', value: '0000:00:02.0' });
  });

  it('the Devices view follows the store: selecting a device and a bind event', async () => {
    const devices = useDevicesStore();
    devices.load(snap());
    const w = mount(DevicesView);
    expect(w.text()).toContain('4 devices');
    devices.selected = EDU;
    await w.vm.$nextTick();
    expect(w.get('[data-testid="device-state"]').text()).toBe('unbound');
    devices.apply({ type: 'driver.bind', path: EDU, driver: 'edu' });
    await w.vm.$nextTick();
    expect(w.get('[data-testid="device-state"]').text()).toBe('bound');
    expect(w.find('[data-testid="action-unbind"]').exists()).toBe(true);
  });
});

describe('devices store on the kernel snapshot', () => {
  const kernel = (state: 'unbound' | 'bound' | 'failed', driver: string | null, errno?: number): DevicesSnapshot => ({
    version: 1, ts: 0, seqnum: 1,
    buses: [{ name: 'pci', driversAutoprobe: true }], classes: [{ name: 'misc' }],
    drivers: [{ name: 'edu', bus: 'pci', module: 'edu', devices: [] }],
    devices: [
      { devpath: '/devices/pci0000:00', name: 'pci0000:00', parent: null, bus: null, class: null, driver: null, devt: null, devnode: null, state: 'unbound' },
      { devpath: '/devices/pci0000:00/0000:00:02.0', name: '0000:00:02.0', parent: '/devices/pci0000:00', bus: 'pci', class: null, driver, devt: null, devnode: null, state, ...(errno ? { errno } : {}) },
    ],
    links: [],
  });

  it('converts the kernel snapshot: sysfs paths, parents, negative errnos, PCI addresses', () => {
    const s = fromKernelSnapshot(kernel('failed', 'edu', 19));
    expect(s.devices[1]).toEqual({ path: EDU, name: '0000:00:02.0', parent: '/sys/devices/pci0000:00', bus: 'pci', driver: 'edu', state: 'failed', errno: -19, pci: { bdf: '0000:00:02.0' } });
    expect(driverModelElements(s).find((e) => e.data.id === `dev:${EDU}`)!.data.label).toBe('0000:00:02.0\nedu ENODEV');
  });

  it('refetches the snapshot (debounced) on device change events, and the edu node turns bound', async () => {
    vi.useFakeTimers();
    try {
      const t = new FakeTransport();
      const c = new KernelClient(t);
      t.setState('open');
      const devices = useDevicesStore();
      devices.debounceMs = 50;
      new AttachService(c).add(devices.source);
      await settle();
      t.reply('events.subscribe', { streams: ['console', 'machine', 'trace'] });
      await settle();
      t.reply('trace.tracepoints', { tracepoints: [
        { subsystem: 'device', match: 'exact', names: ['probe_start', 'probe_end'], ph: 'i', fields: [], doc: '', affects: ['devices'] },
        { subsystem: 'device', match: 'exact', names: ['devres_add'], ph: 'i', fields: [], doc: '', affects: [] },
      ] });
      await settle();
      t.reply('devices.snapshot', kernel('unbound', null));
      await settle();
      expect(devices.snapshot.devices[1]!.state).toBe('unbound');
      const ev = (name: string) => ({ ts: 1, cat: 'device', name, ph: 'i' as const, pid: 1, tid: 1 });
      t.deliver({ type: 'event', stream: 'trace', data: [ev('probe_start'), ev('probe_end')] });
      t.deliver({ type: 'event', stream: 'trace', data: [{ ...ev('sys_enter'), cat: 'syscalls' }, ev('devres_add')] });
      await vi.advanceTimersByTimeAsync(60);
      expect(t.requests('devices.snapshot')).toHaveLength(2);
      t.reply('devices.snapshot', kernel('bound', 'edu'));
      await settle();
      expect(driverModelElements(devices.snapshot).find((e) => e.data.id === `dev:${EDU}`)!.classes).toBe('device bound');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('streaming chart plumbing', () => {
  it('keeps the newest points in a ring buffer', () => {
    const r = new RingBuffer(3);
    for (let i = 0; i < 5; i++) r.push(i, i * 10);
    expect(r.points()).toEqual([{ x: 2, y: 20 }, { x: 3, y: 30 }, { x: 4, y: 40 }]);
  });

  it('decimates to min/max per bucket without losing a spike', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: i === 5_123 ? 999 : 1 }));
    const d = decimate(pts, 100);
    expect(d.length).toBeLessThanOrEqual(200);
    expect(d.some((p) => p.y === 999)).toBe(true);
    expect(decimate(pts.slice(0, 50), 100)).toHaveLength(50);
  });

  it('caps redraws near 30 Hz however fast samples arrive', () => {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const th = new FrameThrottle(() => {}, 1000 / 30, () => now, (fn, ms) => { timers.push({ at: now + ms, fn }); return 0 as never; });
    for (now = 0; now < 1000; now += 1) {
      th.request();
      for (const t of timers.splice(0).filter((x) => { if (x.at <= now) return true; timers.push(x); return false; })) t.fn();
    }
    expect(th.draws).toBeGreaterThanOrEqual(29);
    expect(th.draws).toBeLessThanOrEqual(31);
  });
});

describe('kernel API index', () => {
  it('indexes functions, function-like macros and structs with doc comments and positions', () => {
    const syms = indexHeader('linux/x.h', [
      '/* Models include/linux/x.h: things. */',
      '#ifndef _LINUX_X_H',
      '#define _LINUX_X_H',
      '/* Enables the device. */',
      'int __must_check pci_enable_device(struct pci_dev *dev);',
      '#define dev_info(dev, fmt, ...) _dev_info(dev, fmt)',
      'struct pci_driver {',
      '\tint (*probe)(struct pci_dev *dev, const struct pci_device_id *id);',
      '};',
      'static inline void *kzalloc(size_t size,',
      '                            gfp_t flags)',
      '{',
      '\treturn kmalloc(size, flags);',
      '}',
    ].join('\n'));
    expect(syms.map((s) => [s.name, s.kind, s.line])).toEqual([['pci_enable_device', 'function', 5], ['dev_info', 'macro', 6], ['pci_driver', 'struct', 7], ['kzalloc', 'function', 10]]);
    expect(syms[0]).toMatchObject({ doc: 'Enables the device.', params: ['struct pci_dev *dev'], header: 'linux/x.h' });
    expect(syms[3]!.params).toEqual(['size_t size', 'gfp_t flags']);
    const api = new KernelApi();
    api.add('linux/x.h', 'int pci_enable_device(struct pci_dev *dev);\nint pci_iomap(int bar);\n');
    expect(api.complete('pci_').map((s) => s.name)).toEqual(['pci_iomap', 'pci_enable_device']);
  });
});

describe('device graph drawing decisions', () => {
  it('names the driver a device is bound to under the device', () => {
    const s = applyDeviceEvent(snap(), { type: 'driver.bind', path: EDU, driver: 'edu' });
    expect(driverModelElements(s).find((e) => e.data.id === `dev:${EDU}`)!.data.label).toBe('0000:00:02.0\n[edu]');
  });

  it('sizes a node box to its label, so labels sit inside at the label font', () => {
    const one = labelBox('edu');
    const two = labelBox('0000:00:02.0\n[edu]');
    expect(two.w).toBeGreaterThan(one.w);
    expect(two.h).toBeGreaterThan(one.h);
    expect(labelBox('x'.repeat(20)).w).toBeGreaterThanOrEqual(20 * LABEL_FONT * 0.6);
  });

  it('opens a big graph at a readable zoom (labels >= 11 px) from its top-left, and a small one centred', () => {
    const big = initialViewport({ x1: 0, y1: 0, w: 900, h: 2000 }, { w: 300, h: 700 });
    expect(big.zoom * LABEL_FONT).toBeGreaterThanOrEqual(READABLE_PX);
    expect(big.pan).toEqual({ x: 16, y: 16 });
    expect(DEFAULT_ZOOM_FLOOR).toBeCloseTo(11 / 12);
    // A tall tree: its left columns are empty at the top and busy lower down, so the first view starts where they are busy.
    const nodes = [{ x: 10, y: 1000 }, ...Array.from({ length: 20 }, (_, i) => ({ x: 150, y: 1200 + i * 20 })), { x: 800, y: 5 }];
    const busy = initialViewport({ x1: 0, y1: 0, w: 900, h: 2000 }, { w: 300, h: 700 }, 16, nodes);
    expect(busy.pan.x).toBe(16);
    const top = (16 - busy.pan.y) / busy.zoom, bottom = top + (700 - 32) / busy.zoom;
    expect(nodes.filter((n) => n.x <= 300 / busy.zoom && n.y >= top && n.y <= bottom).length).toBe(21);
    expect(busiestTop({ x1: 0, y1: 0, w: 900, h: 2000 }, [], 300, 700)).toBe(0);
    const small = initialViewport({ x1: 0, y1: 0, w: 100, h: 100 }, { w: 400, h: 400 });
    expect(small.zoom).toBe(1.5);
    expect(small.pan).toEqual({ x: 125, y: 125 });
  });

  it('opens a graph wider than the pane on whole columns: no node cut at the left or right edge, labels >= 11 px', () => {
    // Four columns 120 wide, 48 apart; the right-hand two hold most nodes (a 300 px pane fits two at the floor zoom).
    const col = (x: number, n: number) => Array.from({ length: n }, (_, i) => ({ x, y: i * 40, w: 120, h: 28 }));
    const nodes = [...col(60, 3), ...col(228, 5), ...col(396, 12), ...col(564, 12)];
    expect(columns(nodes)).toEqual([{ x1: 0, x2: 120 }, { x1: 168, x2: 288 }, { x1: 336, x2: 456 }, { x1: 504, x2: 624 }]);
    const bb = { x1: 0, y1: -14, w: 624, h: 12 * 40 };
    for (const pane of [{ w: 300, h: 700 }, { w: 380, h: 500 }, { w: 520, h: 300 }]) {
      const vp = initialViewport(bb, pane, 16, nodes);
      expect(vp.zoom * LABEL_FONT).toBeGreaterThanOrEqual(READABLE_PX);
      const left = -vp.pan.x / vp.zoom, right = (pane.w - vp.pan.x) / vp.zoom;
      // Every node box lies wholly inside or wholly outside the pane's width: none is cut at an edge.
      for (const n of nodes) {
        const x1 = n.x - n.w / 2, x2 = n.x + n.w / 2;
        expect(x2 <= left || x1 >= right || (x1 >= left && x2 <= right), `node at x ${n.x} cut in a ${pane.w} px pane`).toBe(true);
      }
      // The busy right-hand columns are the ones shown.
      expect(nodes.filter((n) => n.x === 564).every((n) => n.x - n.w / 2 >= left && n.x + n.w / 2 <= right)).toBe(true);
    }
    // Two columns fill a 300 px pane (zoomed in from the floor to fill its width).
    const two = initialViewport(bb, { w: 300, h: 700 }, 16, nodes);
    expect(two.zoom).toBeCloseTo(268 / 288);
    // A column wider than the pane at the floor zoom: the floor, from the graph's left edge.
    const wide = initialViewport({ x1: 0, y1: 0, w: 2000, h: 2000 }, { w: 300, h: 700 }, 16, [{ x: 1000, y: 0, w: 2000, h: 28 }]);
    expect(wide.zoom).toBeCloseTo(DEFAULT_ZOOM_FLOOR);
    expect(wide.pan.x).toBe(16);
    // From the start (the driver model's boxes): the first two columns, from the graph's top, however busy the others.
    const start = initialViewport(bb, { w: 300, h: 300 }, 16, nodes, true);
    expect(-start.pan.x / start.zoom).toBeLessThanOrEqual(0);
    expect((300 - start.pan.x) / start.zoom).toBeGreaterThanOrEqual(288);
    expect((300 - start.pan.x) / start.zoom).toBeLessThan(336);
    expect(start.pan.y).toBeCloseTo(16 - bb.y1 * start.zoom);
  });

  it('starts a tall column just above a node, so the first row is not cut at the top edge', () => {
    // Two columns whose rows are offset: a node of the second may straddle the line drawn above one of the first.
    const nodes = [...Array.from({ length: 60 }, (_, i) => ({ x: 50, y: i * 50, w: 100, h: 44 })), ...Array.from({ length: 30 }, (_, i) => ({ x: 200, y: 990 + i * 50, w: 100, h: 44 }))];
    const top = busiestTop({ x1: 0, y1: -22, w: 250, h: 3000 }, nodes, Infinity, 600);
    expect(nodes.some((n) => n.y - n.h / 2 >= top && n.y - n.h / 2 - top < 4)).toBe(true);
    expect(nodes.every((n) => n.y - n.h / 2 >= top || n.y + n.h / 2 <= top)).toBe(true);
    // The pane's own top edge, a padding above that window, cuts no node either.
    const vp = initialViewport({ x1: 0, y1: -22, w: 250, h: 3000 }, { w: 300, h: 600 }, 16, nodes);
    const edge = -vp.pan.y / vp.zoom;
    expect(nodes.every((n) => n.y - n.h / 2 >= edge || n.y + n.h / 2 <= edge)).toBe(true);
    // A window held at the graph's bottom edge starts above a node too, not through one.
    const low = busiestTop({ x1: 0, y1: -22, w: 250, h: 1500 }, nodes, Infinity, 990);
    expect(nodes.every((n) => n.y - n.h / 2 >= low || n.y + n.h / 2 <= low)).toBe(true);
  });

  it('zooms 1.2x per wheel notch in either direction, capped per event', () => {
    expect(wheelFactor(-100)).toBeCloseTo(1.2);
    expect(wheelFactor(100)).toBeCloseTo(1 / 1.2);
    expect(wheelFactor(3, 1)).toBeCloseTo(Math.pow(1.2, -0.99));
    expect(wheelFactor(-100000)).toBeLessThan(2.1);
  });

  it('finds the nodes a bind, an unbind or a hot-plug changed, and nothing on the first drawing', () => {
    const s0 = snap();
    const before = new Map(driverModelElements(s0).filter((e) => e.group === 'nodes').map((e) => [String(e.data.id), nodeKey(e.data)]));
    expect(changedNodes(new Map(), driverModelElements(s0)).size).toBe(0);
    const bound = applyDeviceEvent(s0, { type: 'driver.bind', path: EDU, driver: 'edu' });
    expect([...changedNodes(before, driverModelElements(bound))]).toEqual([`dev:${EDU}`]);
    const added = applyDeviceEvent(s0, { type: 'device.add', device: { path: '/sys/devices/pci0000:00/0000:00:03.0', name: '0000:00:03.0', bus: 'pci', state: 'unbound' } });
    expect([...changedNodes(before, driverModelElements(added))]).toEqual(['dev:/sys/devices/pci0000:00/0000:00:03.0']);
  });

  it('searches devices by name: an exact name first, then partial matches', () => {
    const els = driverModelElements(snap());
    expect(searchNodes(els, '0000:00:02.0')[0]).toBe(`dev:${EDU}`);
    expect(searchNodes(els, '1c.0')).toEqual(['dev:/sys/devices/pci0000:00/0000:00:1c.0']);
    expect(searchNodes(els, '  ')).toEqual([]);
  });

  it('lays a big graph out as a linear layered tree: parents left of their children, no two boxes in a column overlapping, 1,000 nodes', () => {
    const devices: DeviceSnapshot['devices'] = [];
    for (let b = 0; b < 31; b++) {
      const bp = `/sys/devices/pci0000:00/0000:00:${(b + 1).toString(16).padStart(2, '0')}.0`;
      devices.push({ path: bp, name: bp.split('/').pop()!, bus: 'pci', state: 'bound', driver: 'pcieport' });
      for (let d = 0; d < 31; d++) devices.push({ path: `${bp}/0000:${b + 1}:${d}.0`, name: `0000:${b + 1}:${d}.0`, parent: bp, bus: 'pci', state: 'unbound' });
    }
    const els = sized(pciElements({ buses: ['pci'], drivers: [{ name: 'pcieport', bus: 'pci' }], classes: [], devices: devices.map((d) => ({ ...d, pci: { bdf: d.name } })) }));
    expect(els.filter((e) => e.group === 'nodes').length).toBeGreaterThan(DAGRE_MAX_NODES);
    const pos = treeLayout(els);
    const bridge = '/sys/devices/pci0000:00/0000:00:01.0';
    expect(pos.get(`dev:${bridge}`)!.x).toBeLessThan(pos.get(`dev:${bridge}/0000:1:0.0`)!.x);
    expect(pos.get('root:pci0000:00')!.x).toBeLessThan(pos.get(`dev:${bridge}`)!.x);
    const leaves = [...pos.entries()].filter(([id]) => id.split('/').length === 6).map(([, p]) => p.y).sort((a, b) => a - b);
    for (let i = 1; i < leaves.length; i++) expect(leaves[i]! - leaves[i - 1]!).toBeGreaterThanOrEqual(labelBox('x').h);
    expect(pos.size).toBe(els.filter((e) => e.group === 'nodes').length);
  });

  it('draws the driver model in a box per bus (devices and drivers) and per class (devices on no bus), linked to their parents across boxes', () => {
    const s: DeviceSnapshot = {
      buses: ['pci', 'virtio', 'nvmem'], classes: ['block', 'misc', 'input'],
      drivers: [{ name: 'virtio-pci', bus: 'pci' }, { name: 'virtio_blk', bus: 'virtio' }],
      devices: [
        { path: '/sys/devices/pci0000:00', name: 'pci0000:00', state: 'unbound' },
        { path: '/sys/devices/pci0000:00/0000:00:03.0', name: '0000:00:03.0', parent: '/sys/devices/pci0000:00', bus: 'pci', driver: 'virtio-pci', state: 'bound' },
        { path: '/sys/devices/pci0000:00/0000:00:03.0/virtio0', name: 'virtio0', parent: '/sys/devices/pci0000:00/0000:00:03.0', bus: 'virtio', driver: 'virtio_blk', state: 'bound' },
        { path: '/sys/devices/pci0000:00/0000:00:03.0/virtio0/block/vda', name: 'vda', parent: '/sys/devices/pci0000:00/0000:00:03.0/virtio0', class: 'block', state: 'unbound' },
        { path: '/sys/devices/virtual/misc/hpet', name: 'hpet', class: 'misc', state: 'unbound' },
      ],
    };
    const els = driverModelElements(s);
    const parent = (id: string) => els.find((e) => e.data.id === id)!.data.box;
    expect(parent('dev:/sys/devices/pci0000:00/0000:00:03.0')).toBe('bus:pci');
    expect(parent('drv:pci:virtio-pci')).toBe('bus:pci');
    expect(parent('dev:/sys/devices/pci0000:00/0000:00:03.0/virtio0')).toBe('bus:virtio');
    expect(parent('dev:/sys/devices/pci0000:00/0000:00:03.0/virtio0/block/vda')).toBe('class:block');
    expect(parent('dev:/sys/devices/pci0000:00')).toBeUndefined();
    // The box shows the membership: no bus edges, and no class edge to a device's own box.
    expect(els.filter((e) => e.group === 'edges').map((e) => e.data.kind).sort()).toEqual(['driver', 'driver', 'parent', 'parent', 'parent']);

    const g = groupedLayout(sized(els), 1.5);
    const nodeBox = (id: string) => { const e = sized(els).find((x) => x.data.id === id)!, p = g.pos.get(id)!; return { x1: p.x - Number(e.data.w) / 2, x2: p.x + Number(e.data.w) / 2, y1: p.y - Number(e.data.h) / 2, y2: p.y + Number(e.data.h) / 2 }; };
    // Every node has a place, a box's node at its box's centre; only the boxes with members are boxes.
    expect([...g.pos.keys()].sort()).toEqual(els.filter((e) => e.group === 'nodes').map((e) => String(e.data.id)).sort());
    expect([...g.groups.keys()].sort()).toEqual(['bus:pci', 'bus:virtio', 'class:block', 'class:misc']);
    expect(els.filter((e) => e.classes?.split(' ').includes('box')).map((e) => e.data.id).sort()).toEqual(['bus:pci', 'bus:virtio', 'class:block', 'class:misc']);
    const pciBox = g.groups.get('bus:pci')!;
    expect(g.pos.get('bus:pci')).toEqual({ x: pciBox.x1 + pciBox.w / 2, y: pciBox.y1 + pciBox.h / 2 });
    // A box holds its members with its padding, and no two boxes (with their titles) overlap.
    for (const e of els) {
      const box = typeof e.data.box === 'string' ? g.groups.get(e.data.box) : undefined;
      if (!box || e.group !== 'nodes') continue;
      const b = nodeBox(String(e.data.id));
      expect(b.x1).toBeGreaterThanOrEqual(box.x1 + GROUP_PAD - 1e-9);
      expect(b.x2).toBeLessThanOrEqual(box.x1 + box.w - GROUP_PAD + 1e-9);
      expect(b.y1).toBeGreaterThanOrEqual(box.y1 + GROUP_PAD - 1e-9);
      expect(b.y2).toBeLessThanOrEqual(box.y1 + box.h - GROUP_PAD + 1e-9);
    }
    const rects = [...g.groups.values()].map((b) => ({ ...b, y1: b.y1 - GROUP_TITLE, h: b.h + GROUP_TITLE }));
    for (const a of rects) for (const b of rects) if (a !== b) expect(a.x1 + a.w <= b.x1 || b.x1 + b.w <= a.x1 || a.y1 + a.h <= b.y1 || b.y1 + b.h <= a.y1).toBe(true);
    // Boxes in the order of their first device: pci's before virtio's before block's; the roots first, the empty bus and class last.
    const rect = (id: string) => { const b = g.groups.get(id); return b ? { x1: b.x1, x2: b.x1 + b.w, y1: b.y1 - GROUP_TITLE, y2: b.y1 + b.h } : nodeBox(id); };
    const order = ['dev:/sys/devices/pci0000:00', 'bus:pci', 'bus:virtio', 'class:block', 'bus:nvmem'].map(rect);
    // Each after the one before: below it in its column, or in a column to its right.
    for (let i = 1; i < order.length; i++) expect(order[i]!.x1 >= order[i - 1]!.x2 || order[i]!.y1 >= order[i - 1]!.y2).toBe(true);
    // Inside its box a driver sits left of the devices it binds.
    expect(g.pos.get('drv:pci:virtio-pci')!.x).toBeLessThan(g.pos.get('dev:/sys/devices/pci0000:00/0000:00:03.0')!.x);
    expect(g.bounds.x1).toBe(0);
    for (const r of rects) expect(r.x1 + r.w).toBeLessThanOrEqual(g.bounds.w + 1e-9);
  });

  it('stacks a box\'s drivers without overlap when they outnumber its device rows', () => {
    const s: DeviceSnapshot = { buses: ['pci'], classes: [], drivers: Array.from({ length: 12 }, (_, i) => ({ name: `drv${i}`, bus: 'pci' })), devices: [{ path: '/sys/devices/pci0000:00/0000:00:02.0', name: '0000:00:02.0', bus: 'pci', state: 'unbound' }] };
    const els = sized(driverModelElements(s));
    const g = groupedLayout(els);
    const ys = Array.from({ length: 12 }, (_, i) => g.pos.get(`drv:pci:drv${i}`)!.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(labelBox('drv0').h);
  });

  it('mixes theme colours for the bound/failed tints (Cytoscape parses no CSS color-mix)', () => {
    expect(mixColors('#ffffff', '#000000', 0.5)).toBe('#808080');
    expect(mixColors('#4cc38a', '#20242c', 0)).toBe('#20242c');
    expect(mixColors('var(--x)', '#000', 0.5)).toBe('var(--x)');
  });

  it('the Devices view lists every device by bus, filters by name, and a click selects one', async () => {
    const devices = useDevicesStore();
    devices.load(snap());
    const w = mount(DevicesView);
    expect(w.findAll('[data-testid^="device-row-"]')).toHaveLength(4);
    await w.get('[data-testid="devices-filter"]').setValue('1c.0');
    expect(w.findAll('[data-testid^="device-row-"]').map((r) => r.text())).toEqual(['0000:00:1c.0pcieport']);
    await w.get('[data-testid="device-row-0000:00:1c.0"]').trigger('click');
    expect(devices.selected).toBe('/sys/devices/pci0000:00/0000:00:1c.0');
    await w.vm.$nextTick();
    expect(w.get('[data-testid="device-state"]').text()).toBe('bound');
  });
});
