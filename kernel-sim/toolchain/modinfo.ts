// The .ko's .modinfo: MODULE_* strings from the objects' ".modinfo" data plus what modpost adds (alias, depends, name, vermagic).
import { readObject } from './wasm/object.ts';
import { customSection, parseSections } from './wasm/sections.ts';

export interface ModinfoField { key: string; value: string }

/** The vermagic the simulated kernel (release 6.1.0-kwb) accepts. */
export const VERMAGIC = '6.1.0-kwb SMP preempt mod_unload ';
export const MODINFO_SECTION = '.modinfo';

function splitStrings(bytes: Uint8Array): ModinfoField[] {
  const out: ModinfoField[] = [];
  for (const s of new TextDecoder().decode(bytes).split('\0')) {
    if (!s) continue;
    const eq = s.indexOf('=');
    if (eq > 0) out.push({ key: s.slice(0, eq), value: s.slice(eq + 1) });
  }
  return out;
}

/**
 * MODULE_* strings from relocatable objects (data segments named .modinfo). Within an object they are listed last
 * declaration first, the order GCC gives a real .ko (so `modinfo` prints description and license before parm).
 */
export function modinfoFromObjects(objects: Uint8Array[]): ModinfoField[] {
  const out: ModinfoField[] = [];
  for (const o of objects) {
    const fields: ModinfoField[] = [];
    for (const seg of readObject(o).segments) if (seg.name === MODINFO_SECTION || seg.name.startsWith('.modinfo.')) fields.push(...splitStrings(seg.bytes));
    out.push(...fields.reverse());
  }
  return out;
}

/** Adds modpost's fields: one alias per device-table entry, depends, name, vermagic. */
export function completeModinfo(fields: ModinfoField[], aliases: string[], modname: string, depends: string[] = []): ModinfoField[] {
  return [
    ...fields,
    ...aliases.map((a) => ({ key: 'alias', value: a })),
    { key: 'depends', value: depends.join(',') },
    { key: 'name', value: modname },
    { key: 'vermagic', value: VERMAGIC },
  ];
}

export function encodeModinfo(fields: ModinfoField[]): Uint8Array {
  return new TextEncoder().encode(fields.map((f) => `${f.key}=${f.value}\0`).join(''));
}

/** Reads the .modinfo custom section of a built .ko ([] when absent). */
export function readModinfo(ko: Uint8Array): ModinfoField[] {
  const sec = customSection(ko, parseSections(ko), MODINFO_SECTION);
  return sec ? splitStrings(sec) : [];
}

export function modinfoValue(fields: ModinfoField[], key: string): string | undefined {
  return fields.find((f) => f.key === key)?.value;
}

export interface ModuleParamInfo { name: string; type?: string; description?: string }

/** Parameters from "parm=name:desc" and "parmtype=name:type" fields, sorted by name. */
export function modinfoParams(fields: ModinfoField[]): ModuleParamInfo[] {
  const byName = new Map<string, ModuleParamInfo>();
  for (const f of fields) {
    if (f.key !== 'parm' && f.key !== 'parmtype') continue;
    const i = f.value.indexOf(':');
    const name = f.value.slice(0, i);
    const p = byName.get(name) ?? { name };
    if (f.key === 'parm') p.description = f.value.slice(i + 1);
    else p.type = f.value.slice(i + 1);
    byName.set(name, p);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Formats like kmod's modinfo: "key:" padded to 16 columns; params grouped where the first one appears; name hidden. */
export function formatModinfo(fields: ModinfoField[], filename: string): string {
  const line = (k: string, v: string): string => `${(k + ':').padEnd(16)}${v}`;
  const out = [line('filename', filename)];
  let paramsDone = false;
  for (const f of fields) {
    if (f.key === 'name') continue;
    if (f.key === 'parm' || f.key === 'parmtype') {
      if (paramsDone) continue;
      paramsDone = true;
      for (const p of modinfoParams(fields)) out.push(line('parm', `${p.name}:${p.description ?? ''}${p.description === undefined ? ` (${p.type ?? ''})` : ''}`));
      continue;
    }
    out.push(line(f.key, f.value));
  }
  return out.join('\n') + '\n';
}
