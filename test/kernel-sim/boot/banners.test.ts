// Boot lines of the parts the workbench has (slub, the VFS caches, SMP bring-up, socket families) as Linux 6.1 prints
// them: against the reference boot log, and computed where they depend on the machine (the CPU count).
import { describe, it, expect } from 'vitest';
import { reference } from '../../fixtures/reference.ts';
import { readFileSync } from 'node:fs';
import { boot, dmesg } from '../core/harness.ts';

const machine = (name: string): string => readFileSync(new URL(`../../../resources/machines/${name}.dts`, import.meta.url), 'utf8');
/** The default machine with `n` CPUs. */
function with_cpus(n: number): string {
  const cpus = Array.from({ length: n }, (_, i) => `\t\tcpu@${i} {\n\t\t\tdevice_type = "cpu";\n\t\t\treg = <${i}>;\n\t\t};\n`).join('\n');
  return machine('default').replace(/(\tcpus \{\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n\n)[\s\S]*?\n\t\};/, `$1${cpus}\t};`);
}

const BANNERS = /^(SLUB: |Mount-cache|Mountpoint-cache|smp: |x86: Booting SMP|\.\.\.\. node|smpboot: Max logical|NET: Registered PF_NETLINK)/;

describe('boot banners of the modelled parts', () => {
  it('match the reference boot log, in order', () => {
    const ref = reference('boot-log-head200.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')).filter((l) => BANNERS.test(l));
    expect(dmesg(boot()).filter((l) => BANNERS.test(l))).toEqual(ref);
    expect(ref.length).toBe(9);
  });

  it('the CPU, RCU, per-CPU and APIC lines of start_kernel and kernel_init_freeable match the reference machine\'s, in order', () => {
    const NEW = /^(pcpu-alloc: |mem auto-init: |rcu: |\t(Trampoline|Rude|Tracing) variant|APIC: Switch|\.\.TIMER: |process: using|Last level [di]TLB|Spectre V|x86\/fpu: |cblist_init_generic: |signal: max sigframe)/;
    const ref = reference('boot-log-head200.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')).filter((l) => NEW.test(l));
    expect(dmesg(boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' })).filter((l) => NEW.test(l))).toEqual(ref);
    expect(ref.length).toBe(29);
  });

  it('pci_subsys_init (arch/x86/pci, linked after drivers/) picks the IRQ routing after the pps and ptp subsys initcalls', () => {
    const ORDER = /^(pps_core: |PTP clock|PCI: Using ACPI for IRQ|PCI: pci_cache_line_size|e820: reserve RAM buffer)/;
    const ref = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')).filter((l) => ORDER.test(l));
    expect(dmesg(boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' })).filter((l) => ORDER.test(l))).toEqual(ref);
    expect(ref.length).toBe(7);
  });

  it('the VGA arbiter takes the legacy-owning VGA function as the boot device at subsys_initcall_sync, after pci_subsys_init', () => {
    const VGA = /^(e820: reserve RAM buffer|pci 0000:00:01\.0: vgaarb: |vgaarb: )/;
    const ref = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')).filter((l) => VGA.test(l));
    expect(dmesg(boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' })).filter((l) => VGA.test(l))).toEqual(ref);
    expect(ref.length).toBe(6);
    // Without a VGA function the arbiter only loads.
    expect(dmesg(boot({ dts: machine('default'), dtsName: 'default.dts' })).filter((l) => /vgaarb/.test(l))).toEqual(['vgaarb: loaded']);
  });

  it('inet_init sizes the IPv4 hash tables from the kernel\'s memory as the reference machine does (no MPTCP or UDP-Lite here)', () => {
    const NET = /^((IP idents|tcp_listen_portaddr_hash|Table-perturb|TCP established|TCP bind|UDP) hash table entries|TCP: Hash tables configured|NET: Registered PF_INET )/;
    const ref = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')).filter((l) => NET.test(l));
    expect(dmesg(boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' })).filter((l) => NET.test(l))).toEqual(ref);
    expect(ref.length).toBe(8);
  });

  it('the first late initcall reports the IPI broadcast shorthand, off with no_ipi_broadcast=1', () => {
    const ref = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ''));
    const log = dmesg(boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' }));
    expect(log.filter((l) => l.startsWith('IPI shorthand'))).toEqual(ref.filter((l) => l.startsWith('IPI shorthand')));
    expect(log.indexOf('IPI shorthand broadcast: enabled')).toBeLessThan(log.indexOf('Write protecting the kernel read-only data: 26624k'));
    const off = dmesg(boot({ dts: machine('default').replace(/bootargs = "/, 'bootargs = "no_ipi_broadcast=1 '), dtsName: 'default.dts' }));
    expect(off).toContain('IPI shorthand broadcast: disabled');
  });

  it('run_init_process logs init\'s arguments and environment (init/main.c is built with DEBUG)', () => {
    const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
    const log = dmesg(boot({ dts, dtsName: 'default.dts' }));
    const at = log.indexOf('Run /init as init process');
    const ref = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ''));
    const ref_at = ref.indexOf('Run /init as init process');
    expect(at).toBeGreaterThan(0);
    expect(log.slice(at, at + 6)).toEqual(ref.slice(ref_at, ref_at + 6));
  });

  it('acpi_pci_init announces acpiphp at arch_initcall, before pci_arch_init\'s MMCONFIG lines (arch/x86/pci links after drivers/pci)', () => {
    const log = dmesg(boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' }));
    const ref = reference('boot-log-head200.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ''));
    const from = (l: string[]): string[] => l.slice(l.indexOf('cpuidle: using governor menu'), l.indexOf('PCI: Using configuration type 1 for base access') + 1);
    expect(from(log)).toEqual(from(ref));
    expect(from(log)).toHaveLength(5);
  });

  it('agp_init announces agpgart after the 8250 ports; the chipset drivers register and leave q35\'s host bridge (no AGP capability) unbound', () => {
    const m = boot({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' });
    const log = dmesg(m);
    const ref = reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ''));
    const at = (l: string[]): string[] => l.slice(l.indexOf('Linux agpgart interface v0.103') - 1, l.indexOf('Linux agpgart interface v0.103') + 1);
    expect(at(log)).toEqual(at(ref));
    expect(m.runCommand('ls -d /sys/bus/pci/drivers/agpgart-*; ls /sys/bus/pci/devices/0000:00:00.0/driver 2>&1').output)
      .toBe('/sys/bus/pci/drivers/agpgart-intel\n/sys/bus/pci/drivers/agpgart-sis\n/sys/bus/pci/drivers/agpgart-via\nls: /sys/bus/pci/devices/0000:00:00.0/driver: No such file or directory\n');
  });

  it('follow the machine: four CPUs come up as #1 #2 #3, one CPU brings up none', () => {
    const four = dmesg(boot({ dts: with_cpus(4), dtsName: 'four.dts' }));
    expect(four).toContain('.... node  #0, CPUs:      #1 #2 #3');
    expect(four).toContain('SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=4, Nodes=1');
    // Four 512 KiB units share one 2 MiB atom; Tasks RCU spreads four CPUs over one queue with shift 2.
    expect(four).toContain('pcpu-alloc: s217088 r8192 d28672 u524288 alloc=1*2097152');
    expect(four).toContain('pcpu-alloc: [0] 0 1 2 3 ');
    expect(four).toContain('cblist_init_generic: Setting shift to 2 and lim to 1 rcu_task_cpu_ids=4.');
    expect(four).toContain('rcu: Adjusting geometry for rcu_fanout_leaf=16, nr_cpu_ids=4');
    const one = dmesg(boot({ dts: with_cpus(1), dtsName: 'one.dts' }));
    expect(one.some((l) => l.startsWith('x86: Booting SMP'))).toBe(false);
    expect(one).toContain('smp: Brought up 1 node, 1 CPUs');
  });
});
