// Declares the data format for kernel struct layouts: the one source of truth for C headers and TS offsets.

/** One member of a struct. `type` is C; function pointers use `%s` where the member name goes. */
export interface FieldSpec {
  name: string;
  type: string;
  /** Array length: a number, or a macro name listed in LAYOUT_CONSTANTS. */
  count?: number | string;
  /** A bitfield's width (`__u8 pkt_type:3`): it shares its type's storage unit with the bitfields around it. */
  bits?: number;
}

/** An anonymous union inside a struct (as Linux writes `union { ... };`). */
export interface UnionSpec {
  union: FieldSpec[];
}

export type MemberSpec = FieldSpec | UnionSpec;

export interface StructSpec {
  /** The struct tag (`list_head` for `struct list_head`); empty for an anonymous typedef'd struct. */
  tag: string;
  /** `typedef struct tag {...} name;` when set. */
  typedef?: string;
  /** Header (relative to resources/include) holding the marker block for this struct. */
  header: string;
  members: MemberSpec[];
}

export function isUnion(m: MemberSpec): m is UnionSpec {
  return (m as UnionSpec).union !== undefined;
}

/** The key a layout is known by: the typedef name for anonymous structs, else the tag. */
export function layoutKey(s: StructSpec): string {
  return s.tag !== '' ? s.tag : (s.typedef ?? '');
}
