// Models linux/drivers/base/devres.c: managed resources (devm_*) released in reverse order on unbind, on probe failure and with the device.
import { EINVAL, ENOENT, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { printk, KERN_ERR } from '../../kernel/printk/printk.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import type { device, devres_node } from './base.ts';

/** devres.log: print every devres add/release as CONFIG_DEBUG_DEVRES does. */
const devresState = defineState('devres', () => ({ log: false, next_id: 1 }));

export function devres_set_log(on: boolean): void { devresState().log = on; }

function name_of(dev: device): string { return (dev.kobj.name || dev.init_name) ?? ''; }

function devres_log(dev: device, node: devres_node, op: string): void {
  if (devresState().log) printk(`${KERN_ERR}${dev.driver?.name ?? dev.bus?.name ?? ''} ${name_of(dev)}: DEVRES ${op.padEnd(3)} ${node.name} (${node.size} bytes)`);
  trace_event('device', op === 'ADD' ? 'devres_add' : 'devres_release', { dev: name_of(dev), name: node.name, size: node.size });
}

/** A resource record with its release (devres_alloc). */
export function devres_alloc(release: ((dev: device, data: unknown) => void) | null, size: number, name: string, data: unknown = null): devres_node {
  return { name, size, release, data };
}

export function devres_add(dev: device, node: devres_node): void {
  dev.devres_head.push(node);
  devres_log(dev, node, 'ADD');
}

export function devres_find(dev: device, match: (n: devres_node) => boolean): devres_node | null {
  for (let i = dev.devres_head.length - 1; i >= 0; i--) if (!dev.devres_head[i].marker && match(dev.devres_head[i])) return dev.devres_head[i];
  return null;
}

/** Removes a resource without releasing it (devres_remove). */
export function devres_remove(dev: device, match: (n: devres_node) => boolean): devres_node | null {
  const n = devres_find(dev, match);
  if (n) dev.devres_head.splice(dev.devres_head.lastIndexOf(n), 1);
  return n;
}

export function devres_destroy(dev: device, match: (n: devres_node) => boolean): number {
  return devres_remove(dev, match) ? 0 : -ENOENT;
}

export function devres_release(dev: device, match: (n: devres_node) => boolean): number {
  const n = devres_remove(dev, match);
  if (!n) return -ENOENT;
  devres_log(dev, n, 'REL');
  n.release?.(dev, n.data);
  return 0;
}

function release_nodes(dev: device, nodes: devres_node[]): number {
  let n = 0;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (node.marker) continue;
    devres_log(dev, node, 'REL');
    node.release?.(dev, node.data);
    n++;
  }
  return n;
}

/** Releases everything, newest first (devres_release_all). Returns how many resources went. */
export function devres_release_all(dev: device): number {
  const nodes = dev.devres_head;
  if (!nodes.length) return 0;
  dev.devres_head = [];
  return release_nodes(dev, nodes);
}

/** What a device still holds: name and size of each resource, oldest first. */
export function devres_held(dev: device): { name: string; size: number }[] {
  return dev.devres_head.filter((n) => !n.marker).map((n) => ({ name: n.name, size: n.size }));
}

/** Reports resources still attached when a device goes away for good (they are released next). */
export function devres_report_leftovers(dev: device): void {
  const held = devres_held(dev);
  if (!held.length) return;
  printk(`${KERN_ERR}${dev.bus?.name ?? dev.class?.name ?? ''} ${name_of(dev)}: releasing ${held.length} managed resource${held.length === 1 ? '' : 's'} still held at device release:`);
  for (const h of held) printk(`${KERN_ERR}  ${h.name} (${h.size} bytes)`);
}

// ---- groups ----------------------------------------------------------------------

export function devres_open_group(dev: device, id: unknown = null): unknown {
  const gid = id ?? { group: devresState().next_id++ };
  dev.devres_head.push({ name: 'group', size: 0, release: null, data: null, group: gid, marker: 'open' });
  return gid;
}

export function devres_close_group(dev: device, id: unknown): void {
  dev.devres_head.push({ name: 'group', size: 0, release: null, data: null, group: id, marker: 'close' });
}

/** Releases the resources added since the group opened, newest first. */
export function devres_release_group(dev: device, id: unknown): number {
  const i = dev.devres_head.findIndex((n) => n.marker === 'open' && n.group === id);
  if (i < 0) return -ENOENT;
  let end = dev.devres_head.findIndex((n, j) => j > i && n.marker === 'close' && n.group === id);
  if (end < 0) end = dev.devres_head.length - 1;
  const nodes = dev.devres_head.splice(i, end - i + 1);
  return release_nodes(dev, nodes);
}

// ---- devm_* helpers ----------------------------------------------------------------

/** devm_kzalloc: zeroed memory freed with the binding. */
export function devm_kzalloc(dev: device, size: number, name = 'devm_kzalloc_release'): Uint8Array | null {
  if (!Number.isInteger(size) || size < 0 || size > 1 << 26) return null;
  const mem = new Uint8Array(size);
  devres_add(dev, devres_alloc(null, size, name, mem));
  return mem;
}

export function devm_kfree(dev: device, mem: Uint8Array): number {
  return devres_destroy(dev, (n) => n.data === mem);
}

/** devm_add_action: `action(data)` runs when the resources go. */
export function devm_add_action(dev: device, action: (data: unknown) => void, data: unknown = null, name = 'devm_action_release'): number {
  if (!action) return -EINVAL;
  devres_add(dev, devres_alloc((_d, x) => (x as { action: (d: unknown) => void; data: unknown }).action((x as { data: unknown }).data), 0, name, { action, data }));
  return 0;
}

/** As devm_add_action, but runs the action at once if it cannot be registered. */
export function devm_add_action_or_reset(dev: device, action: (data: unknown) => void, data: unknown = null, name = 'devm_action_release'): number {
  const r = devm_add_action(dev, action, data, name);
  if (r) action(data);
  return r;
}

export function devm_remove_action(dev: device, action: (data: unknown) => void, data: unknown = null): number {
  return devres_destroy(dev, (n) => { const x = n.data as { action?: unknown; data?: unknown } | null; return !!x && x.action === action && x.data === data; });
}

export function devm_release_action(dev: device, action: (data: unknown) => void, data: unknown = null): number {
  return devres_release(dev, (n) => { const x = n.data as { action?: unknown; data?: unknown } | null; return !!x && x.action === action && x.data === data; });
}

export { ENOMEM };
