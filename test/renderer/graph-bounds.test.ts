// The device graph's bounding box from its tree layout (boxesBounds): what the default view is placed on for a big graph, without asking Cytoscape to style every element.
import { describe, expect, it } from 'vitest';
import { boxesBounds, sized, treeLayout } from '../../renderer/src/devices/graph.ts';
import type { GraphElement } from '../../renderer/src/devices/model.ts';

describe('boxesBounds', () => {
  it('spans the node boxes at their positions, widened by half the border and 1 (antialiasing) on each side', () => {
    const els: GraphElement[] = [
      { group: 'nodes', data: { id: 'a', w: 40, h: 20 } },
      { group: 'nodes', data: { id: 'b', w: 100, h: 30 } },
      { group: 'edges', data: { id: 'a-b', source: 'a', target: 'b' } },
    ];
    const pos = new Map([['a', { x: 0, y: 0 }], ['b', { x: 200, y: 50 }]]);
    expect(boxesBounds(els, pos, 2)).toEqual({ x1: -22, y1: -12, w: 200 + 52 + 22, h: 50 + 17 + 12 });
  });

  it('covers every node of a tree layout and is empty for no nodes', () => {
    const els = sized([
      { group: 'nodes', data: { id: 'root', label: 'pci0000:00' } },
      ...Array.from({ length: 5 }, (_, i): GraphElement => ({ group: 'nodes', data: { id: `d${i}`, label: `0000:00:0${i}.0\nvirtio-pci` } })),
      ...Array.from({ length: 5 }, (_, i): GraphElement => ({ group: 'edges', data: { id: `e${i}`, source: 'root', target: `d${i}` } })),
    ]);
    const pos = treeLayout(els);
    const bb = boxesBounds(els, pos);
    for (const e of els.filter((x) => x.group === 'nodes')) {
      const p = pos.get(String(e.data.id))!;
      expect(p.x - Number(e.data.w) / 2).toBeGreaterThanOrEqual(bb.x1);
      expect(p.y + Number(e.data.h) / 2).toBeLessThanOrEqual(bb.y1 + bb.h + 1e-9);
    }
    expect(bb.x1).toBe(-1);
    expect(boxesBounds([], new Map())).toEqual({ x1: 0, y1: 0, w: 0, h: 0 });
  });
});
