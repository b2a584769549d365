// ACPI on the reference q35 machine: the firmware's tables in guest RAM and their boot lines, /sys/firmware/acpi/tables, the namespace's devices on the acpi bus, and firmware_node links, against the Linux 6.1 reference.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, q35, sh, dmesg, reference } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { acpi_tables } from '../../../kernel-sim/drivers/acpi/tables.ts';
import { acpi_setup } from '../../../kernel-sim/hw/i386/acpi-build.ts';
import { acpi_ns_load_table, acpi_eisa_id_to_string, AmlError } from '../../../kernel-sim/drivers/acpi/acpica.ts';
import { aml_eisaid } from '../../../kernel-sim/hw/i386/aml-build.ts';
import { pnp_add_id, pnp_id_match } from '../../../kernel-sim/drivers/pnp/pnpacpi.ts';

const ref = (f: string): string[] => reference(f).replace(/\n$/, '').split('\n').slice(1).map((l) => l.replace(/^\[[ \d.]+\] /, ''));
/** The ACPI lines of a boot log: the table listing, MADT, interpreter, root bridge and link devices (not the run-time "Enabled at IRQ" ones). */
const acpi_lines = (lines: string[]): string[] => lines.filter((l) => /^(ACPI|acpi PNP|IOAPIC\[)/.test(l) && !/Enabled at IRQ|Hot Plug/.test(l));

let m: Machine;
let ko: Uint8Array;
beforeAll(async () => {
  ko = await driver('edu');
  m = q35({ '/root/edu.ko': ko });
}, 180_000);

describe('ACPI tables from the q35 firmware', () => {
  it('prints the table listing, MADT and interpreter lines of the reference boot, in order', () => {
    const want = acpi_lines(ref('dmesg-after-probe.txt'));
    expect(want.length).toBeGreaterThan(50);
    expect(acpi_lines(dmesg(m))).toEqual(want);
    // "ACPI: Core revision" sits between the console and the delay calibration, as in Linux's start_kernel.
    const d = dmesg(m);
    expect(d.indexOf('ACPI: Core revision 20220331')).toBeGreaterThan(d.findIndex((l) => l.startsWith('printk: console')));
  });

  it('every table is in guest RAM with a valid checksum, and /sys/firmware/acpi/tables has each one at its size', () => {
    const tables = m.inspect(() => acpi_tables().map((t) => ({ sig: t.signature, len: t.length, sum: t.bytes.reduce((s, x) => (s + x) & 0xff, 0) })));
    expect(tables.map((t) => t.sig)).toEqual(['FACP', 'DSDT', 'FACS', 'APIC', 'HPET', 'MCFG', 'WAET']);
    for (const t of tables.filter((x) => x.sig !== 'FACS')) expect(t.sum, t.sig).toBe(0);
    expect(sh(m, 'ls /sys/firmware/acpi/tables')).toBe('APIC\nDSDT\nFACP\nFACS\nHPET\nMCFG\nWAET\ndata\ndynamic\n');
    const sizes = sh(m, 'for t in APIC DSDT FACP FACS HPET MCFG WAET; do echo $t $(wc -c < /sys/firmware/acpi/tables/$t); done');
    expect(sizes).toBe('APIC 128\nDSDT 8445\nFACP 244\nFACS 64\nHPET 56\nMCFG 60\nWAET 40\n');
    expect(sh(m, 'ls -l /sys/firmware/acpi/tables/WAET')).toMatch(/^-r-------- +1 root +root +40 /);
    expect(sh(m, 'head -c 4 /sys/firmware/acpi/tables/DSDT')).toBe('DSDT');
  });

  it('a machine without the q35 chipset has no tables and boots without ACPI lines', () => {
    const hw = m.inspect(() => machine_hw())!;
    const host = hw.pci_hosts[0]!;
    // Only the q35 MCH + LPC gets tables: take the LPC off a copy of the host list to see acpi_setup decline.
    const lpc = host.root_bus.devices[0xf8];
    host.root_bus.devices[0xf8] = null;
    try { expect(acpi_setup(hw)).toEqual([]); } finally { host.root_bus.devices[0xf8] = lpc; }
  });
});

describe('the namespace on the acpi bus', () => {
  it('has the devices Linux creates from the q35 DSDT, named HID:NN', () => {
    const names = sh(m, 'ls /sys/bus/acpi/devices').trim().split('\n');
    for (const n of ['LNXSYSTM:00', 'LNXSYBUS:00', 'LNXSYBUS:01', 'LNXPWRBN:00', 'PNP0A08:00', 'PNP0303:00', 'PNP0F13:00', 'PNP0501:00', 'PNP0B00:00',
      'PNP0103:00', 'PNP0C01:00', 'QEMU0002:00', 'ACPI0010:00', 'ACPI0007:00', 'ACPI0007:01', 'device:02']) expect(names).toContain(n);
    expect(names.filter((n) => n.startsWith('PNP0C0F:'))).toHaveLength(16);
    expect(sh(m, 'readlink /sys/bus/acpi/devices/PNP0501:00')).toBe('../../../devices/LNXSYSTM:00/LNXSYBUS:00/PNP0A08:00/device:04/PNP0501:00\n');
    expect(sh(m, 'readlink /sys/bus/acpi/devices/LNXPWRBN:00')).toBe('../../../devices/LNXSYSTM:00/LNXPWRBN:00\n');
  });

  it('shows hid, path, modalias, uid, adr, status and uevent only where the object has them', () => {
    const d = '/sys/bus/acpi/devices/PNP0A08:00';
    expect(sh(m, `cat ${d}/hid ${d}/path ${d}/modalias ${d}/uid ${d}/adr ${d}/uevent`)).toBe('PNP0A08\n\\_SB_.PCI0\nacpi:PNP0A08:PNP0A03:\n0\n0x00000000\nMODALIAS=acpi:PNP0A08:PNP0A03:\n');
    expect(sh(m, 'ls /sys/bus/acpi/devices/device:02')).toBe('adr\npath\nphysical_node\npower\nsubsystem\nuevent\n');
    expect(sh(m, 'cat /sys/bus/acpi/devices/device:02/adr /sys/bus/acpi/devices/device:02/path')).toBe('0x00020000\n\\_SB_.PCI0.S10_\n');
    expect(sh(m, 'cat /sys/bus/acpi/devices/PNP0C0F:00/status /sys/bus/acpi/devices/PNP0C0F:00/path')).toBe('11\n\\_SB_.LNKA\n');
    expect(sh(m, 'ls /sys/bus/acpi/devices/LNXSYSTM:00 | grep -c path')).toBe('0\n');
    expect(sh(m, 'cat /sys/bus/acpi/devices/LNXPWRBN:00/hid')).toBe('LNXPWRBN\n');
  });

  it('links PCI functions, the host bridge and ACPI platform devices to their nodes both ways', () => {
    expect(sh(m, 'readlink /sys/bus/pci/devices/0000:00:02.0/firmware_node')).toBe('../../LNXSYSTM:00/LNXSYBUS:00/PNP0A08:00/device:02\n');
    expect(sh(m, 'readlink /sys/bus/acpi/devices/device:02/physical_node')).toBe('../../../../pci0000:00/0000:00:02.0\n');
    expect(sh(m, 'readlink /sys/devices/pci0000:00/firmware_node')).toBe('../LNXSYSTM:00/LNXSYBUS:00/PNP0A08:00\n');
    expect(sh(m, 'readlink /sys/bus/acpi/devices/device:04/physical_node')).toBe('../../../../pci0000:00/0000:00:1f.0\n');
    // fw_cfg has no driver here: its platform device sits under the host bridge, named after its node.
    expect(sh(m, 'readlink /sys/bus/platform/devices/QEMU0002:00')).toBe('../../../devices/pci0000:00/QEMU0002:00\n');
    expect(sh(m, 'readlink /sys/devices/platform/PNP0103:00/firmware_node')).toBe('../../LNXSYSTM:00/LNXSYBUS:00/PNP0103:00\n');
  });

  it('the edu device directory matches the reference listing line for line (mode, links, size, name, target)', () => {
    expect(sh(m, 'insmod /root/edu.ko; echo rc=$?')).toBe('rc=0\n');
    const r = reference('sysfs-edu-device-dir.txt').replace(/\n$/, '').split('\n');
    expect(sh(m, 'readlink -f /sys/bus/pci/devices/0000:00:02.0')).toBe(`${r[1]}\n`);
    const fields = (l: string): string => { const f = l.trim().split(/\s+/); return [f[0], f[1], f[4], ...f.slice(8)].join(' '); };
    const ours = sh(m, 'ls -la /sys/bus/pci/devices/0000:00:02.0/').trim().split('\n').slice(1).map(fields);
    expect(ours).toEqual(r.slice(3).map(fields));
  });
});

describe('PnP devices from the ACPI namespace', () => {
  it('pnpacpi numbers the PnP-claimed nodes 00:00..00:05 in namespace order, with id files and firmware_node links', () => {
    const d = dmesg(m);
    expect(d).toContain('pnp: PnP ACPI init');
    expect(d).toContain('pnp: PnP ACPI: found 6 devices');
    expect(sh(m, 'for p in /sys/bus/pnp/devices/*; do echo $(basename $p) $(cat $p/id); done'))
      .toBe('00:00 PNP0303\n00:01 PNP0f13\n00:02 PNP0400\n00:03 PNP0501\n00:04 PNP0b00\n00:05 PNP0c01\n');
    // The reference's "00:03: ttyS0" and "pnp 00:05" (the MMCONFIG reservation) name these devices.
    expect(sh(m, 'readlink /sys/bus/pnp/devices/00:03 /sys/bus/pnp/devices/00:03/firmware_node'))
      .toBe('../../../devices/pnp0/00:03\n../../LNXSYSTM:00/LNXSYBUS:00/PNP0A08:00/device:04/PNP0501:00\n');
  });
});

describe('PnP ids', () => {
  it('pnp_add_id stores the hex digits in lower case; compare_pnp_id ignores case and takes X as any digit', () => {
    expect(pnp_add_id('PNP0B00')).toBe('PNP0b00');
    expect(pnp_id_match('PNP0b00', 'PNP0B00')).toBe(true);
    expect(pnp_id_match('PNP0c01', 'PNP0CXX')).toBe(true);
    expect(pnp_id_match('PNP0b00', 'PNP0B01')).toBe(false);
    expect(pnp_id_match('PNP0b00', 'PNP0B0')).toBe(false);
  });
});

describe('AML', () => {
  it('EISA ids round-trip through the DSDT encoding', () => {
    for (const id of ['PNP0A08', 'PNP0C0F', 'PNP0F13', 'PNP0B00']) expect(acpi_eisa_id_to_string(aml_eisaid(id))).toBe(id);
    expect(aml_eisaid('PNP0A08')).toBe(0x080ad041);
  });

  it('bad AML is an error with the opcode and its offset, not a host exception', () => {
    const t = new Uint8Array(40);
    t[36] = 0x14; // MethodOp: not in the static subset the firmware emits
    expect(() => m.inspect(() => acpi_ns_load_table(t))).toThrowError(AmlError);
    expect(() => m.inspect(() => acpi_ns_load_table(t))).toThrowError(/AE_AML_BAD_OPCODE: opcode 0x14 at offset 0x24/);
  });
});
