// Models Linux's one-object rule for structs C can reach (file, inode, device, cdev ...): kernel-sim's object becomes a window onto the C struct.
//
// Linux has one struct file; kernel-sim has a TypeScript `file` the VFS uses and, once a module may see it, a C
// struct file in the kernel memory. bind_fields() turns the TS object's fields into accessors over the C struct
// (through the generated views), so a field the driver writes is what the kernel reads next and the TS object
// holds no copy. The value the field had moves into the struct once, at binding; unbind_fields() moves it back
// when the struct is freed before the TS object (a file after its last release, an inode after its last close).

/** Conversion between the TS field's type and the C field's (e.g. `unknown` private_data vs a pointer). */
export interface field_adapter {
  to_ts?(c: unknown): unknown;
  to_c?(v: unknown): unknown;
}

import { kread_cstr, kwrite_bytes, kwrite_u8 } from '../../mm/kmem.ts';

const enc = new TextEncoder();

type getset = { get(this: object): unknown; set(this: object, v: unknown): void };

// kernel-static: a cache of the generated view classes' accessors, the same for every boot
const descriptors = new WeakMap<object, Map<string, getset>>();

/** The generated getter and setter of `name` on a view class (looked up once per class and field, not per access). */
function accessor(view: object, name: string): getset {
  const proto = Object.getPrototypeOf(view) as object;
  let m = descriptors.get(proto);
  if (!m) { m = new Map(); descriptors.set(proto, m); }
  let d = m.get(name);
  if (!d) {
    const pd = Object.getOwnPropertyDescriptor(proto, name);
    if (!pd?.get || !pd.set) throw new Error(`${proto.constructor.name} has no scalar field ${name}`);
    d = { get: pd.get as getset['get'], set: pd.set as getset['set'] };
    m.set(name, d);
  }
  return d;
}

/**
 * Makes each field of `obj` named in `fields` read and write the same field of the C struct `view` shows.
 * With `move`, the object's current value is stored into the struct first (its only copy from then on);
 * without it the struct's value (set by C) is kept.
 */
export function bind_fields(obj: object, view: object, fields: readonly string[], adapt: Readonly<Record<string, field_adapter>> = {}, move = true): void {
  for (const name of fields) {
    const { get, set } = accessor(view, name);
    const a = adapt[name];
    const to_ts = a?.to_ts, to_c = a?.to_c;
    const initial = (obj as Record<string, unknown>)[name];
    Object.defineProperty(obj, name, {
      configurable: true,
      enumerable: true,
      get: to_ts ? () => to_ts(get.call(view)) : () => get.call(view),
      set: to_c ? (v: unknown) => set.call(view, to_c(v)) : (v: unknown) => set.call(view, v),
    });
    if (move) (obj as Record<string, unknown>)[name] = initial;
  }
}

/** Turns bound fields back into plain properties holding their current values (the C struct is about to be freed). */
export function unbind_fields(obj: object, fields: readonly string[]): void {
  for (const name of fields) {
    const v = (obj as Record<string, unknown>)[name];
    Object.defineProperty(obj, name, { configurable: true, enumerable: true, writable: true, value: v });
  }
}

/** Binds a TS string field to a `char name[size]` array of a C struct (NUL-terminated, cut to size - 1 bytes as strscpy() does). */
export function bind_char_array(obj: object, name: string, addr: number, size: number, move = true): void {
  const initial = (obj as Record<string, unknown>)[name];
  Object.defineProperty(obj, name, {
    configurable: true,
    enumerable: true,
    get: () => kread_cstr(addr, size),
    set: (v: unknown) => {
      const b = enc.encode(String(v ?? '')).subarray(0, size - 1);
      kwrite_bytes(addr, b);
      kwrite_u8(addr + b.length, 0);
    },
  });
  if (move) (obj as Record<string, unknown>)[name] = initial;
}

/** A C pointer field seen from TS as `unknown` (NULL is null). */
export const ptr_adapter: field_adapter = {
  to_ts: (c) => (c === 0 ? null : c),
  to_c: (v) => (typeof v === 'number' ? v : 0),
};
