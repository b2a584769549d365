// The charts' and graphs' exports as data: CSV quoting, the interrupt history from boot with one column per line, the boot timeline's spans, the device graph's JSON.
import { describe, expect, it } from 'vitest';
import { bootSpansCsv, graphJson, interruptsCsv, toCsv } from '../../renderer/src/charts/export.ts';
import { elementsFor, type DeviceSnapshot } from '../../renderer/src/devices/model.ts';

describe('exports', () => {
  it('quotes CSV fields that hold commas, quotes or line breaks, and leaves the rest bare', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [1, undefined], ['two\nlines', 'plain']])).toBe('a,b\n"x,y","say ""hi"""\n1,\n"two\nlines",plain\n');
  });

  it('writes the interrupt history as counts since boot, a column per line named as in the chart', () => {
    const samples = [{ t: 0, counts: new Map([[1, 0], [11, 2]]) }, { t: 1e9, counts: new Map([[1, 5]]) }];
    expect(interruptsCsv(samples, [1, 11], (irq) => `${irq} ${irq === 1 ? 'i8042' : 'edu'}`)).toBe('t_ns,1 i8042,11 edu\n0,0,2\n1000000000,5,0\n');
  });

  it('writes the boot timeline one span a row, with level and return value where there are some', () => {
    expect(bootSpansCsv([{ name: 'mm_init', kind: 'boot', startNs: 10, durNs: 5 }, { name: 'pci_driver_init', kind: 'initcall', level: '2', startNs: 20, durNs: 3, ret: -19 }]))
      .toBe('name,kind,level,start_ns,dur_ns,ret\nmm_init,boot,,10,5,\npci_driver_init,initcall,2,20,3,-19\n');
  });

  it('writes the device graph as JSON with its view, snapshot and elements', () => {
    const s: DeviceSnapshot = { buses: ['pci'], drivers: [{ name: 'edu', bus: 'pci' }], classes: [], devices: [{ path: '/sys/devices/pci0000:00/0000:00:02.0', name: '0000:00:02.0', bus: 'pci', driver: 'edu', state: 'bound' }] };
    const j = JSON.parse(graphJson('driver-model', s, elementsFor('driver-model', s))) as { view: string; snapshot: DeviceSnapshot; elements: Array<{ data: { id: string } }> };
    expect(j.view).toBe('driver-model');
    expect(j.snapshot.devices[0]!.driver).toBe('edu');
    expect(j.elements.map((e) => e.data.id)).toEqual(expect.arrayContaining(['bus:pci', 'drv:pci:edu', 'dev:/sys/devices/pci0000:00/0000:00:02.0', 'd:/sys/devices/pci0000:00/0000:00:02.0']));
  });
});
