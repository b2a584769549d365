// The Namespaces view's fixed layout: every namespace's members inside its own area, no two areas overlapping, owners above, and nothing flung far away (as the force-directed layout did with a lone owner node).
import { describe, expect, it } from 'vitest';
import { namespaceLayout, type Box } from '../../renderer/src/namespaces/layout.ts';

const member = (id: string, width = 40, height = 26) => ({ id, width, height });

function area(box: Box, pos: Map<string, { x: number; y: number }>) {
  const xs = box.members.flatMap((m) => [pos.get(m.id)!.x - m.width / 2, pos.get(m.id)!.x + m.width / 2]);
  const ys = box.members.flatMap((m) => [pos.get(m.id)!.y - m.height / 2, pos.get(m.id)!.y + m.height / 2]);
  return { x1: Math.min(...xs), x2: Math.max(...xs), y1: Math.min(...ys), y2: Math.max(...ys) };
}

describe('namespaceLayout', () => {
  it('keeps each namespace\'s members together, the namespaces apart and the owners above them', () => {
    const boxes: Box[] = [
      { id: 'ns-1', members: Array.from({ length: 9 }, (_, i) => member(`p-${i}`)) },
      { id: 'ns-2', members: [member('if-a', 90, 30), member('if-b', 90, 42)] },
      { id: 'ns-3', members: [member('p-x')] },
      { id: 'ns-4', members: [member('p-y'), member('p-z', 120)] },
      { id: 'ns-5', members: [member('p-w')] },
    ];
    const pos = namespaceLayout(boxes, ['user-1', 'user-2']);
    const areas = boxes.map((b) => area(b, pos));
    for (let i = 0; i < areas.length; i++) {
      for (let j = i + 1; j < areas.length; j++) {
        const [a, b] = [areas[i]!, areas[j]!];
        const apart = a.x2 + 20 <= b.x1 || b.x2 + 20 <= a.x1 || a.y2 + 20 <= b.y1 || b.y2 + 20 <= a.y1;
        expect(apart, `${boxes[i]!.id} and ${boxes[j]!.id} overlap`).toBe(true);
      }
    }
    // Members of one box never overlap each other.
    const first = boxes[0]!.members.map((m) => pos.get(m.id)!);
    expect(new Set(first.map((p) => `${p.x},${p.y}`)).size).toBe(9);
    const top = Math.min(...areas.map((a) => a.y1));
    for (const u of ['user-1', 'user-2']) expect(pos.get(u)!.y).toBeLessThan(top);
    // Everything fits in a drawing a few boxes wide, not thousands of pixels.
    const all = [...pos.values()];
    expect(Math.max(...all.map((p) => p.x)) - Math.min(...all.map((p) => p.x))).toBeLessThan(1200);
    expect(Math.max(...all.map((p) => p.y)) - Math.min(...all.map((p) => p.y))).toBeLessThan(800);
  });

  it('places the same input the same way', () => {
    const boxes: Box[] = [{ id: 'ns-1', members: [member('a'), member('b')] }, { id: 'ns-2', members: [] }];
    expect([...namespaceLayout(boxes, ['u'])]).toEqual([...namespaceLayout(boxes, ['u'])]);
    expect(namespaceLayout(boxes, []).has('ns-2')).toBe(true);
  });
});
