// DTS inputs that used to hang, overflow the stack or take minutes: each now ends with file:line:column errors or a tree.
import { describe, expect, it } from 'vitest';
import { dtc_compile } from '../../../kernel-sim/scripts/dtc/dtc.ts';
import { FDT_MAX_DEPTH, MAX_ERRORS, dtc_parse } from '../../../kernel-sim/scripts/dtc/dtc-parser.ts';
import { format_diagnostic, get_node_by_path, prop_cells, walk_nodes } from '../../../kernel-sim/scripts/dtc/livetree.ts';

const H = '/dts-v1/;\n';
const errors = (src: string) => dtc_parse(src, 'm.dts').diagnostics.filter((d) => d.severity === 'error').map(format_diagnostic);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('DTS parser limits', () => {
  it('the DTS of issue 21 with a stray "{" gets line:column errors (it looped until the heap ran out)', () => {
    const src = `${H}/ {\nmodel = "x";\n{\n};\n`;
    expect(dtc_compile(src, 'm.dts').messages).toEqual([
      `m.dts:2:1: error: node "/" opened here is missing its closing '}' (reached the end of the file)`,
      `m.dts:4:1: error: a child node needs a name before '{' (in node "/")`,
    ]);
  });

  it('a nameless block inside a node is skipped whole and parsing goes on', () => {
    expect(errors(`${H}/ {\n\t{ a = <1>; { b; }; };\n\tc = <(1 +)>;\n};\n`)).toEqual([
      `m.dts:3:2: error: a child node needs a name before '{' (in node "/")`,
      `m.dts:4:11: error: expected a number, found ')'`,
    ]);
  });

  it(`10,000 nested nodes stop at FDT_MAX_DEPTH (${FDT_MAX_DEPTH}) with one error`, () => {
    const src = `${H}/ {${' a {'.repeat(10_000)}${' };'.repeat(10_000)} };`;
    const e = errors(src);
    expect(e).toEqual([`m.dts:2:${5 + 4 * (FDT_MAX_DEPTH - 2)}: error: node "a" is nested ${FDT_MAX_DEPTH - 1} levels deep: the kernel's unflatten_dt_nodes() stops at FDT_MAX_DEPTH (${FDT_MAX_DEPTH})`]);
  });

  it('nesting up to the limit still parses', () => {
    const depth = FDT_MAX_DEPTH - 2;
    const t = dtc_parse(`${H}/ {${' a {'.repeat(depth)} x = <7>;${' };'.repeat(depth)} };`, 'm.dts');
    expect(t.diagnostics).toEqual([]);
    expect(prop_cells(get_node_by_path(t.tree, `/${range(depth).map(() => 'a').join('/')}`)!.get_property('x')!)).toEqual([7n]);
  });

  it('100,000 nested parentheses, unary operators or ternaries get one error each', () => {
    expect(errors(`${H}/ { p = <${'('.repeat(100_000)}1${')'.repeat(100_000)}>; };`)).toEqual(['m.dts:2:267: error: expression nested more than 256 levels deep']);
    expect(errors(`${H}/ { p = <(${'-'.repeat(100_000)}1)>; };`)).toEqual(['m.dts:2:266: error: expression nested more than 256 levels deep']);
    expect(errors(`${H}/ { p = <(${'1 ? '.repeat(100_000)}1${' : 0'.repeat(100_000)})>; };`)).toHaveLength(1);
    expect(prop_cells(get_node_by_path(dtc_parse(`${H}/ { p = <${'('.repeat(200)}5${')'.repeat(200)}>; };`).tree, '/')!.get_property('p')!)).toEqual([5n]);
  });

  it('100,000 properties and 100,000 sibling nodes, merged again by a second "/ { }"', () => {
    const props = range(100_000).map((i) => `p${i} = <${i}>;`).join('\n');
    const nodes = range(100_000).map((i) => `n${i} { x = <${i}>; };`).join('\n');
    const r = dtc_parse(`${H}/ {\n${props}\n${nodes}\n};\n/ { p99999 = <7>; n99999 { y; }; /delete-node/ n0; };\n`, 'm.dts');
    expect(r.diagnostics).toEqual([]);
    const root = r.tree.root;
    expect(root.props).toHaveLength(100_000);
    expect(root.children).toHaveLength(99_999);
    expect(prop_cells(root.get_property('p99999')!)).toEqual([7n]);
    expect(root.props[99_999]!.name).toBe('p99999');
    expect(root.get_child('n99999')!.props.map((p) => p.name)).toEqual(['x', 'y']);
    expect(root.get_child('n0')).toBeUndefined();
  });

  it('100,000 labels referenced by 100,000 top-level overlays', () => {
    const src = `${H}/ {\n${range(100_000).map((i) => `l${i}: n${i} { };`).join('\n')}\n};\n${range(100_000).map((i) => `&l${i} { v = <${i}>; };`).join('\n')}\n`;
    const r = dtc_parse(src, 'm.dts');
    expect(r.diagnostics).toEqual([]);
    expect(prop_cells(r.tree.labels.get('l12345')!.get_property('v')!)).toEqual([12345n]);
    expect([...walk_nodes(r.tree.root)]).toHaveLength(100_001);
  });

  it('100,000 labels in a row on one node', () => {
    const r = dtc_parse(`${H}/ { ${range(100_000).map((i) => `l${i}:`).join(' ')} n { }; };`, 'm.dts');
    expect(r.diagnostics).toEqual([]);
    expect(r.tree.labels.size).toBe(100_000);
  });

  it('non-ASCII labels and names, control bytes and garbage are diagnosed by code point', () => {
    expect(errors(`${H}/ {\n\té: n { };\n\taé: m { };\n};\n`)).toEqual([
      `m.dts:3:2: error: unexpected non-ASCII character U+00E9 (names and labels are ASCII) in node "/": expected a property, a child node or '}'`,
      `m.dts:4:3: error: expected '=', ';' or '{' after "a", found non-ASCII character U+00E9 (names and labels are ASCII)`,
    ]);
    expect(errors(`${H}/ { \x00 = <1>; };`)[0]).toBe(`m.dts:2:5: error: unexpected control byte 0x00 in node "/": expected a property, a child node or '}'`);
    expect(errors(`${H}\x7f/ { };`)[0]).toBe(`m.dts:2:1: error: unexpected control byte 0x7F at the top level: expected "/ {", "&label {" or a /directive/`);
  });

  it(`a flood of garbage stops after ${MAX_ERRORS} errors`, () => {
    const e = errors(`${H}/ {\n${'\x01;\n'.repeat(100_000)}};`);
    expect(e).toHaveLength(MAX_ERRORS + 1);
    expect(e[MAX_ERRORS]).toBe(`m.dts:${MAX_ERRORS + 2}:1: error: too many errors (${MAX_ERRORS}); stopping here`);
  });

  it('huge numbers: literals past 64 bits are errors, arithmetic wraps at 64 bits as dtc computes it', () => {
    expect(errors(`${H}/ { p = <${'9'.repeat(1_000_000)}>; };`)).toEqual(['m.dts:2:10: error: integer literal "99999999999999999999..." is out of range (more than 64 bits)']);
    expect(errors(`${H}/ { p = <0x10000000000000000>; };`)).toEqual(['m.dts:2:10: error: integer literal "0x10000000000000000" is out of range (more than 64 bits)']);
    const n = get_node_by_path(dtc_parse(`${H}/ { p = /bits/ 64 <(1 << 0xffffffffffffffff) (0xffffffffffffffff * 0xffffffffffffffff) (0 - 1) 0xffffffffffffffff>; };`).tree, '/')!;
    expect(prop_cells(n.get_property('p')!)).toEqual([0x80000000n, 0n, 0n, 1n, 0xffffffffn, 0xffffffffn, 0xffffffffn, 0xffffffffn]);
    const w = dtc_parse(`${H}/ { p = <0x100000000 (-1)>; };`).diagnostics;
    expect(w.map((d) => `${d.severity}: ${d.message}`)).toEqual(['warning: value 0x100000000 does not fit in 32 bits (truncated to 0x0)']);
  });

  it('an unterminated character literal at the end of the file', () => {
    expect(errors(`${H}/ { p = <'`)).toContain(`m.dts:2:10: error: unterminated character literal: missing closing "'"`);
  });
});
