// Models linux/drivers/of/irq.c (of_irq_find_parent, of_irq_parse_one, of_irq_count, of_irq_to_resource) with irq domains as a per-controller translate function (kernel/irq/irqdomain.c's of_xlate), the x86 IO-APIC's from arch/x86/kernel/devicetree.c.
import { defineState } from '../../kernel/state.ts';
import type { device_node } from '../base/base.ts';
import { IORESOURCE_IRQ, type resource } from '../base/platform.ts';
import { __of_find_property, be32, of_device_is_compatible, of_find_node_by_phandle, of_node_put, of_prop_strings } from './base.ts';

/** An interrupt controller's translation: the specifier's cells to a Linux IRQ number and its IRQ_TYPE_* trigger. */
export type of_irq_xlate = (cells: number[]) => { irq: number; type: number } | null;

const domains = defineState('of-irq-domains', () => new Map<device_node, of_irq_xlate>());

/** irq_domain_add_*(..., of_node, ...): a controller driver makes its node's specifiers mappable. */
export function of_irq_domain_register(np: device_node, xlate: of_irq_xlate): void { domains().set(np, xlate); }
export function of_irq_domain_remove(np: device_node): void { domains().delete(np); }

/** of_ioapic_type[]: the IO-APIC's second cell; its pins are the GSIs, which are the IRQ numbers here. */
const of_ioapic_type = [2 /* IRQ_TYPE_EDGE_FALLING */, 4 /* LEVEL_HIGH */, 8 /* LEVEL_LOW */, 1 /* EDGE_RISING */];
const ioapic_xlate: of_irq_xlate = (c) => (c.length >= 2 && c[1]! < of_ioapic_type.length ? { irq: c[0]!, type: of_ioapic_type[c[1]!]! } : null);

function xlate_for(ctl: device_node): of_irq_xlate | null {
  return domains().get(ctl) ?? (of_device_is_compatible(ctl, 'intel,ce4100-ioapic') ? ioapic_xlate : null);
}

const u32s = (v: Uint8Array): number[] => Array.from({ length: v.length >> 2 }, (_, i) => be32(v, 4 * i));

/** of_irq_find_parent(): "interrupt-parent" on the node or an ancestor, up to a node with #interrupt-cells. */
export function of_irq_find_parent(child: device_node): device_node | null {
  let p: device_node | null = child;
  do {
    const ph = __of_find_property(p, 'interrupt-parent');
    let next: device_node | null;
    if (ph && ph.length >= 4) { next = of_find_node_by_phandle(be32(ph.value, 0)); of_node_put(next); }
    else next = p.parent;
    p = next;
  } while (p && !__of_find_property(p, '#interrupt-cells'));
  return p;
}

interface of_phandle_args { np: device_node; args: number[] }

/** of_irq_parse_one(): the index'th specifier from "interrupts-extended" or "interrupts". */
export function of_irq_parse_one(np: device_node, index: number): of_phandle_args | null {
  const ext = __of_find_property(np, 'interrupts-extended');
  if (ext) {
    const cells = u32s(ext.value);
    for (let i = 0, n = 0; i < cells.length; n++) {
      const ctl = of_find_node_by_phandle(cells[i]!);
      of_node_put(ctl);
      const size = ctl ? be32(__of_find_property(ctl, '#interrupt-cells')?.value ?? new Uint8Array(4), 0) : 0;
      if (!ctl || !size) return null;
      if (n === index) return { np: ctl, args: cells.slice(i + 1, i + 1 + size) };
      i += 1 + size;
    }
    return null;
  }
  const ints = __of_find_property(np, 'interrupts');
  if (!ints) return null;
  const ctl = of_irq_find_parent(np);
  const ic = ctl ? __of_find_property(ctl, '#interrupt-cells') : null;
  if (!ctl || !ic || ic.length < 4) return null;
  const size = be32(ic.value, 0);
  const cells = u32s(ints.value);
  if (!size || (index + 1) * size > cells.length) return null;
  return { np: ctl, args: cells.slice(index * size, (index + 1) * size) };
}

/** irq_of_parse_and_map() with the trigger: null where the controller has no domain yet. */
export function of_irq_map(np: device_node, index: number): { irq: number; type: number } | null {
  const spec = of_irq_parse_one(np, index);
  if (!spec) return null;
  return xlate_for(spec.np)?.(spec.args) ?? null;
}

export function of_irq_count(np: device_node): number {
  let n = 0;
  while (of_irq_parse_one(np, n)) n++;
  return n;
}

/** of_irq_to_resource(): named by "interrupt-names" or the node's full_name, flags IORESOURCE_IRQ | trigger. */
export function of_irq_to_resource(np: device_node, index: number): resource | null {
  const m = of_irq_map(np, index);
  if (!m) return null;
  const name = of_prop_strings(__of_find_property(np, 'interrupt-names'))[index] ?? np.full_name;
  return { start: m.irq, end: m.irq, flags: IORESOURCE_IRQ | m.type, name };
}

/** of_irq_get(): the IRQ number, or -EPROBE_DEFER while the controller has no domain. */
export function of_irq_get(np: device_node, index: number): number {
  if (!of_irq_parse_one(np, index)) return -22;
  return of_irq_map(np, index)?.irq ?? -517;
}
