// DTS parser tests: the syntax learners meet, and malformed inputs with exact file:line:column errors.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dtc_compile } from '../../../kernel-sim/scripts/dtc/dtc.ts';
import { dtc_apply_overlay, dtc_parse } from '../../../kernel-sim/scripts/dtc/dtc-parser.ts';
import { get_node_by_path, prop_bytes, prop_cells, prop_strings, prop_u32 } from '../../../kernel-sim/scripts/dtc/livetree.ts';

const H = '/dts-v1/;\n';
const errors = (src: string, file = 't.dts') => dtc_parse(src, file).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pos.file}:${d.pos.line}:${d.pos.column}: ${d.message}`);
const tree = (src: string) => {
  const r = dtc_parse(src, 't.dts');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.tree;
};
const node = (src: string, path: string) => get_node_by_path(tree(src), path)!;
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('DTS syntax', () => {
  it('nodes, unit addresses, #address-cells and properties of every kind', () => {
    const t = tree(`${H}
/ {
	#address-cells = <2>;
	#size-cells = <1>;
	dev@1000 {
		reg = <0x0 0x1000 0x100>;
		s = "hello";
		list = "a", "bc", "";
		empty;
		bytes = [00 1f AB cd];
		bytes2 = [001fabcd];
		mixed = "x", <1>, [ff];
		b8 = /bits/ 8 <1 2 0xff>;
		b16 = /bits/ 16 <0x1234>;
		b64 = /bits/ 64 <0x100000000>;
		chars = <'A' '\\n'>;
	};
};`);
    const n = get_node_by_path(t, '/dev@1000')!;
    expect(n.unit_address).toBe('1000');
    expect(n.basename).toBe('dev');
    expect(prop_cells(n.get_property('reg')!)).toEqual([0n, 0x1000n, 0x100n]);
    expect(prop_strings(n.get_property('list')!)).toEqual(['a', 'bc', '']);
    expect(hex(prop_bytes(n.get_property('list')!))).toBe('61 00 62 63 00 00');
    expect(n.get_property('empty')!.chunks).toEqual([]);
    expect(hex(prop_bytes(n.get_property('bytes')!))).toBe('00 1f ab cd');
    expect(hex(prop_bytes(n.get_property('bytes2')!))).toBe('00 1f ab cd');
    expect(hex(prop_bytes(n.get_property('mixed')!))).toBe('78 00 00 00 00 01 ff');
    expect(hex(prop_bytes(n.get_property('b8')!))).toBe('01 02 ff');
    expect(hex(prop_bytes(n.get_property('b16')!))).toBe('12 34');
    expect(hex(prop_bytes(n.get_property('b64')!))).toBe('00 00 00 01 00 00 00 00');
    expect(prop_cells(n.get_property('chars')!)).toEqual([65n, 10n]);
  });

  it('integer expressions in parentheses, with C precedence', () => {
    const n = node(`${H}/ { p = <(1 + 2 * 3) (0x10 << 4) ((1 << 31) | 1) (-1) (~0) (7 % 4) (10 / 3) (1 ? 5 : 6) (2 > 1 && 0 || 1) (0x0f & 0x3c ^ 0x01) 017 (512 * 1024 * 1024)>; };`, '/');
    expect(prop_cells(n.get_property('p')!)).toEqual([7n, 0x100n, 0x80000001n, 0xffffffffn, 0xffffffffn, 3n, 3n, 5n, 1n, 0x0dn, 15n, 0x20000000n]);
  });

  it('strings with escapes', () => {
    const n = node(`${H}/ { s = "tab\\there \\"q\\" \\x41\\101\\\\"; };`, '/');
    expect(prop_strings(n.get_property('s')!)).toEqual(['tab\there "q" AA\\']);
  });

  it('C and C++ comments anywhere', () => {
    const n = node(`${H}// line comment\n/* block\n comment */ / { /* inline */ p = <1 /* in cells */ 2>; // end\n};`, '/');
    expect(prop_cells(n.get_property('p')!)).toEqual([1n, 2n]);
  });

  it('labels, &label phandle references (auto-assigned in tree order) and path references', () => {
    const t = tree(`${H}
/ {
	intc: interrupt-controller { };
	clk: clock { };
	dev { clocks = <&clk>; interrupt-parent = <&intc>; again = <&clk>; by-path = <&{/clock}>; };
	aliases { c = &clk; p = &{/dev}; };
};`);
    const clk = get_node_by_path(t, '/clock')!;
    const intc = get_node_by_path(t, '/interrupt-controller')!;
    expect(clk.phandle).toBe(1);
    expect(intc.phandle).toBe(2);
    expect(prop_u32(clk, 'phandle')).toBe(1);
    const dev = get_node_by_path(t, '/dev')!;
    expect(prop_cells(dev.get_property('clocks')!)).toEqual([1n]);
    expect(prop_cells(dev.get_property('again')!)).toEqual([1n]);
    expect(prop_cells(dev.get_property('by-path')!)).toEqual([1n]);
    const aliases = get_node_by_path(t, '/aliases')!;
    expect(new TextDecoder().decode(prop_bytes(aliases.get_property('c')!))).toBe('/clock\0');
    expect(new TextDecoder().decode(prop_bytes(aliases.get_property('p')!))).toBe('/dev\0');
    expect(t.labels.get('clk')).toBe(clk);
    expect(get_node_by_path(t, 'clk')).toBe(clk);
  });

  it('explicit phandle values are kept and skipped by auto-assignment', () => {
    const t = tree(`${H}/ { a: a { phandle = <1>; }; b: b { }; c { x = <&a &b>; }; };`);
    expect(get_node_by_path(t, '/b')!.phandle).toBe(2);
    expect(prop_cells(get_node_by_path(t, '/c')!.get_property('x')!)).toEqual([1n, 2n]);
  });

  it('&label { } and repeated / { } merge; later properties win', () => {
    const t = tree(`${H}
/ { uart: serial@3f8 { status = "disabled"; speed = <9600>; }; };
&uart { status = "okay"; extra; };
/ { serial@3f8 { speed = <115200>; }; other { }; };`);
    const n = get_node_by_path(t, '/serial@3f8')!;
    expect(prop_strings(n.get_property('status')!)).toEqual(['okay']);
    expect(prop_u32(n, 'speed')).toBe(115200);
    expect(n.get_property('extra')).toBeDefined();
    expect(t.root.children.map((c) => c.name)).toEqual(['serial@3f8', 'other']);
  });

  it('&{/path} { } at the top level merges into that node', () => {
    const t = tree(`${H}/ { soc { uart@0 { }; }; };\n&{/soc/uart@0} { status = "okay"; };`);
    expect(prop_strings(get_node_by_path(t, '/soc/uart@0')!.get_property('status')!)).toEqual(['okay']);
  });

  it('/delete-node/ and /delete-property/, in nodes and at the top level', () => {
    const t = tree(`${H}
/ { a { p; q; }; b { }; lbl: c { }; d { }; };
/ { a { /delete-property/ p; }; /delete-node/ b; };
/delete-node/ &lbl;
/delete-node/ &{/d};`);
    expect(t.root.children.map((c) => c.name)).toEqual(['a']);
    expect(get_node_by_path(t, '/a')!.props.map((p) => p.name)).toEqual(['q']);
  });

  it('a property deleted and then redefined in the same body comes back', () => {
    const t = tree(`${H}/ { p = <1>; };\n/ { /delete-property/ p; p = <2>; };`);
    expect(prop_u32(t.root, 'p')).toBe(2);
  });

  it('/include/ and #include "file" through a resolver', () => {
    const files: Record<string, string> = { 'board.dtsi': '/ { inc: included { v = <1>; }; };', 'more.dtsi': '&inc { w = <2>; };' };
    const r = dtc_parse(`${H}/include/ "board.dtsi"\n#include "more.dtsi"\n/ { x = <&inc>; };`, 'main.dts', (n) => files[n] ?? null);
    expect(r.diagnostics).toEqual([]);
    const n = get_node_by_path(r.tree, '/included')!;
    expect(prop_u32(n, 'v')).toBe(1);
    expect(prop_u32(n, 'w')).toBe(2);
  });

  it('errors inside an included file carry that file name', () => {
    const r = dtc_parse(`${H}/include/ "bad.dtsi"\n/ { };`, 'main.dts', () => '/ {\n  p = <1>\n};');
    expect(r.diagnostics.map((d) => `${d.pos.file}:${d.pos.line}:${d.pos.column}`)).toEqual(['bad.dtsi:2:10']);
  });

  it('overlays: /plugin/ fragments apply to a base tree, resolving labels against it', () => {
    const base = dtc_parse(`${H}/ { gpio0: gpio { }; pci: pci { status = "okay"; }; };`, 'base.dts').tree;
    const ov = dtc_parse(`${H}/plugin/;\n&pci { status = "disabled"; newdev { gpios = <&gpio0 3 0>; }; };`, 'ov.dts');
    expect(ov.diagnostics).toEqual([]);
    expect(ov.tree.fragments.length).toBe(1);
    expect(dtc_apply_overlay(base, ov.tree)).toEqual([]);
    expect(prop_strings(get_node_by_path(base, '/pci')!.get_property('status')!)).toEqual(['disabled']);
    const g = get_node_by_path(base, '/gpio')!;
    expect(g.phandle).toBeGreaterThan(0);
    expect(prop_cells(get_node_by_path(base, '/pci/newdev')!.get_property('gpios')!)).toEqual([BigInt(g.phandle), 3n, 0n]);
  });

  it('an overlay whose target is not in the base tree is reported', () => {
    const base = dtc_parse(`${H}/ { };`, 'base.dts').tree;
    const ov = dtc_parse(`${H}/plugin/;\n\n&nothere { x; };`, 'ov.dts');
    expect(dtc_apply_overlay(base, ov.tree).map((d) => `${d.pos.line}:${d.pos.column}: ${d.message}`)).toEqual(['4:1: overlay target "&nothere" is not in the base tree']);
  });
});

describe('DTS errors with line:column', () => {
  const cases: Array<[string, string, string[]]> = [
    ['unterminated string', `${H}/ {\n\tmodel = "abc;\n};\n`, [`t.dts:3:10: unterminated string: missing closing '"' before the end of the line`]],
    ['missing ; after a string', `${H}/ {\n\tmodel = "x"\n\tcompatible = "y";\n};\n`, [`t.dts:3:13: missing ';' after property "model"`]],
    ['missing ; after cells', `${H}/ {\n\tfoo = <1 2>\n};\n`, [`t.dts:3:13: missing ';' after property "foo"`]],
    ['missing ; after an empty property', `${H}/ {\n\tfoo\n\tbar;\n};\n`, [`t.dts:3:5: missing ';' after property "foo"`]],
    ['missing ; after a node', `${H}/ {\n\ta { }\n\tb { };\n};\n`, [`t.dts:3:7: missing ';' after '}' closing node "a"`]],
    ['unknown label in cells', `${H}/ {\n\tx { p = <&foo>; };\n};\n`, [`t.dts:3:11: reference to unknown label "&foo" (no node has the label "foo:")`]],
    ['unknown label at the top level', `${H}/ { };\n&bar { x; };\n`, [`t.dts:3:1: reference to unknown label "&bar" (no node has the label "bar:")`]],
    ['unknown path reference', `${H}/ {\n\tq = &{/nope};\n};\n`, [`t.dts:3:6: reference to unknown path "&{/nope}"`]],
    ['duplicate node', `${H}/ {\n\ta { };\n\ta { };\n};\n`, [`t.dts:4:2: duplicate node "a" in "/" (first defined at 3:2)`]],
    ['duplicate property', `${H}/ {\n\tp = <1>;\n\tp = <2>;\n};\n`, [`t.dts:4:2: duplicate property "p" in node "/" (first defined at 3:2)`]],
    ['duplicate label', `${H}/ {\n\tl: a { };\n\tl: b { };\n};\n`, [`t.dts:4:5: duplicate label "l": already on /a (defined at 3:5)`]],
    ['missing /dts-v1/', `/ { };\n`, [`t.dts:1:1: missing "/dts-v1/;" at the start of the file (every DTS file begins with it)`]],
    ['missing closing brace', `${H}/ {\n\ta {\n\t\tp;\n};\n`, [`t.dts:2:1: node "/" opened here is missing its closing '}' (reached the end of the file)`]],
    ['bad number', `${H}/ {\n\tp = <12g>;\n};\n`, [`t.dts:3:7: "12g" is not a number (use decimal, 0x hex or 0 octal)`]],
    ['odd hex digits in bytes', `${H}/ {\n\tp = [0 12];\n};\n`, [`t.dts:3:7: bad byte in [ ]: bytes are pairs of hex digits like [00 1f ab] (odd number of digits)`]],
    ['unterminated cells', `${H}/ {\n\tp = <1 2;\n};\n`, [`t.dts:3:6: unterminated cell list: '<' has no matching '>'`]],
    ['unterminated comment', `${H}/* hello\n/ { };\n`, [`t.dts:2:1: unterminated comment: "/*" has no matching "*/"`]],
    ['bad /bits/', `${H}/ {\n\tp = /bits/ 12 <1>;\n};\n`, [`t.dts:3:13: /bits/ must be 8, 16, 32 or 64, not 12`]],
    ['division by zero', `${H}/ {\n\tp = <(1 / 0)>;\n};\n`, [`t.dts:3:10: division by zero in expression`]],
    ['= without a value', `${H}/ {\n\tp = ;\n};\n`, [`t.dts:3:6: property "p" has "=" but no value (write "p;" for an empty property)`]],
    ['negative number without parentheses', `${H}/ {\n\tp = <-1>;\n};\n`, [`t.dts:3:7: '-' here needs parentheses: write (-1) inside < >`]],
    ['unclosed parenthesis', `${H}/ {\n\tp = <(1 + 2>;\n};\n`, [`t.dts:3:13: expected ')' to close the expression opened at 3:7`]],
    ['dt-bindings include', `${H}#include <dt-bindings/gpio/gpio.h>\n/ { };\n`, [`t.dts:2:1: cannot include "dt-bindings/gpio/gpio.h": the workbench does not run the C preprocessor, so dt-bindings headers are not available; write the numbers directly (e.g. GPIO_ACTIVE_HIGH is 0, IRQ_TYPE_LEVEL_HIGH is 4)`]],
    ['a string where a name belongs', `${H}/ {\n\t"name" = <1>;\n};\n`, [`t.dts:3:2: a property or node name cannot be a string; did you forget the name before "="?`]],
    ['property name with @', `${H}/ {\n\tfoo@1 = <1>;\n};\n`, [`t.dts:3:2: property name "foo@1" cannot contain '@' (is it a node missing '{'?)`]],
    ['garbage at the top level', `${H}/ { };\nfoo;\n`, [`t.dts:3:1: unexpected 'f' at the top level: expected "/ {", "&label {" or a /directive/`]],
    ['/delete-node/ of an unknown label', `${H}/ { };\n/delete-node/ &gone;\n`, [`t.dts:3:15: /delete-node/ of unknown label "&gone"`]],
    ['reference to unknown label in a path value', `${H}/ {\n\tchosen { stdout-path = &uart9; };\n};\n`, [`t.dts:3:25: reference to unknown label "&uart9" (no node has the label "uart9:")`]],
    [
      'several errors at once',
      `${H}/ {\n\ta = "x\n\tb = <1>\n\tc = <&nolabel>;\n};\n`,
      [`t.dts:3:6: unterminated string: missing closing '"' before the end of the line`, `t.dts:4:9: missing ';' after property "b"`, `t.dts:5:7: reference to unknown label "&nolabel" (no node has the label "nolabel:")`],
    ],
  ];
  for (const [name, src, want] of cases) {
    it(name, () => {
      expect(errors(src)).toEqual(want);
    });
  }

  it('never throws, whatever the input', () => {
    const inputs = ['', '/', '/dts-v1/', '/dts-v1/;/{', '/dts-v1/; / { a = <(((>; };', '/dts-v1/; / { a = [', '/dts-v1/; &', '/dts-v1/; / { a: };', '/dts-v1/; / { b = "\\', '\u0000\u0001', '/dts-v1/; / { x = /bits/ <1>; };'];
    for (const s of inputs) {
      const r = dtc_compile(s, 'x.dts');
      expect(r.failed, JSON.stringify(s)).toBe(true);
      for (const m of r.messages) expect(m).toMatch(/^x\.dts:\d+:\d+: (error|warning): /);
    }
  });
});

describe('schema checks per compatible', () => {
  const machine = (inner: string, pci = '') => `${H}/ {
	#address-cells = <2>;
	#size-cells = <2>;
	cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; }; };
	memory@0 { device_type = "memory"; reg = <0 0 0 0x20000000>; };
${inner}
	pcie@b0000000 {
		compatible = "pci-host-ecam-generic";
		device_type = "pci";
		#address-cells = <3>;
		#size-cells = <2>;
		reg = <0 0xb0000000 0 0x10000000>;
${pci}
	};
};
`;
  const errs = (src: string) => dtc_compile(src, 'm.dts').diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pos.line}:${d.pos.column}: ${d.message}`);
  const warns = (src: string) => dtc_compile(src, 'm.dts').diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.pos.line}:${d.pos.column}: ${d.message}`);

  it('a correct machine has no errors', () => {
    expect(errs(machine('', '\t\tedu@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; };'))).toEqual([]);
  });

  it('qemu,edu needs reg', () => {
    expect(errs(machine('', '\t\tedu@2 { compatible = "qemu,edu"; };'))).toEqual(['14:3: node /pcie@b0000000/edu@2 ("qemu,edu") is missing the required property "reg"']);
  });

  it('qemu,edu must sit under the PCI host', () => {
    expect(errs(machine('\tedu@2 { compatible = "qemu,edu"; reg = <0 0x1000 0 0>; };'))).toEqual([
      `7:10: "qemu,edu" (QEMU's educational PCI device) must be a child of a PCI bus node (device_type = "pci"), but /edu@2 is under /`,
    ]);
  });

  it('PCI reg must be 5 cells per entry and start with config space', () => {
    expect(errs(machine('', '\t\tedu@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0>; };'))).toEqual([
      '14:36: "reg" of /pcie@b0000000/edu@2 has 4 cells, but each entry needs 5 (#address-cells = 3 + #size-cells = 2 of /pcie@b0000000)',
    ]);
    expect(errs(machine('', '\t\tedu@2 { compatible = "qemu,edu"; reg = <0x1010 0 0 0 0>; };'))).toEqual(['14:36: the first "reg" entry of a PCI function must describe config space (register 0), but phys.hi is 0x1010']);
  });

  it('a unit address that disagrees with reg is a warning naming the fix', () => {
    expect(warns(machine('', '\t\tedu@3 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; };'))).toEqual(['14:3: unit address "@3" does not match "reg" (device 2, function 0); write edu@2']);
  });

  it('typos in simulation knobs are errors listing the known ones', () => {
    expect(errs(machine('', '\t\tedu@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; kwb,dma-mak = <1>; };'))).toEqual([
      '14:60: unknown simulation property "kwb,dma-mak" for "qemu,edu" (known: kwb,dma-mask, kwb,fact-delay-ns, kwb,dma-delay-ns)',
    ]);
  });

  it('property types and allowed values', () => {
    expect(errs(machine('', '\t\tedu@2 { compatible = "qemu,edu"; reg = <0x1000 0 0 0 0>; kwb,fact-delay-ns = "fast"; };'))).toEqual([
      '14:60: property "kwb,fact-delay-ns" must be one 32-bit cell: <n> (virtual time a factorial takes (default 10000))',
    ]);
    expect(errs(machine('\tclk { compatible = "fixed-clock"; #clock-cells = <1>; clock-frequency = <100>; };'))).toEqual(['7:36: property "#clock-cells" is 1, but must be one of: 0']);
    expect(errs(machine('\tx { status = "on"; };'))).toEqual(['7:6: property "status" is "on", but must be one of: "okay", "ok", "disabled", "reserved", "fail"']);
  });

  it('ns16550a needs reg and clock-frequency, and lives on the ISA bridge', () => {
    const lpc = (uart: string) => `\t\tisa@1f { compatible = "intel,ich9-lpc"; reg = <0xf800 0 0 0 0>; #address-cells = <2>; #size-cells = <1>;\n${uart}\n\t\t};`;
    expect(errs(machine('', lpc('\t\t\tserial@i3f8 { compatible = "ns16550a"; reg = <1 0x3f8 8>; clock-frequency = <1843200>; };')))).toEqual([]);
    expect(errs(machine('', lpc('\t\t\tserial@i3f8 { compatible = "ns16550a"; reg = <1 0x3f8 8>; };')))).toEqual([
      '15:4: node /pcie@b0000000/isa@1f/serial@i3f8 ("ns16550a") is missing the required property "clock-frequency" (input clock in Hz (1843200 on a PC))',
    ]);
    expect(errs(machine('', lpc('\t\t\tserial@i3f8 { compatible = "ns16550a"; clock-frequency = <1843200>; current-speed = <1000>; };')))).toEqual([
      '15:4: node /pcie@b0000000/isa@1f/serial@i3f8 ("ns16550a") is missing the required property "reg"',
      '15:72: property "current-speed" is 1000, but must be one of: 300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
    ]);
  });

  it('an unknown PCI compatible is an error listing the models', () => {
    const e = errs(machine('', '\t\tnic@4 { compatible = "intel,e1000"; reg = <0x2000 0 0 0 0>; };'));
    expect(e.length).toBe(1);
    expect(e[0]).toMatch(/^14:11: no PCI device model for compatible "intel,e1000"; known: "qemu,edu", /);
  });

  it('gpio-leds children need gpios', () => {
    expect(errs(machine('\tleds { compatible = "gpio-leds"; led-0 { label = "x"; }; };'))).toEqual(['7:35: node /leds/led-0 (one LED of "gpio-leds") is missing the required property "gpios"']);
  });

  it('a machine without memory or CPUs is refused', () => {
    expect(errs(`${H}/ { #address-cells = <2>; #size-cells = <2>; };`)).toEqual([
      '2:1: the machine has no memory: add a node like memory@0 { device_type = "memory"; reg = <0x0 0x0 0x0 0x20000000>; };',
      '2:1: the machine has no CPU: add cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; }; };',
    ]);
  });

  it('every shipped machine compiles without errors or warnings', () => {
    const dir = new URL('../../../resources/machines/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.dts'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = dtc_compile(readFileSync(new URL(f, dir), 'utf8'), f);
      expect(r.messages, f).toEqual([]);
    }
  });
});
