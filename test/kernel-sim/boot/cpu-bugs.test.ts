// The CPU's bug bits (kernel-sim/arch/x86/kernel/cpu/vuln.ts) from 6.1's cpu_vuln tables and init_amd, as /proc/cpuinfo's "bugs" line names them.
import { describe, expect, it } from 'vitest';
import { x86_bug_flags, x86_cpu_bugs } from '../../../kernel-sim/arch/x86/kernel/cpu/vuln.ts';
import { qemu64_cpuid } from '../../../kernel-sim/hw/i386/cpu.ts';
import { proc_machine, run } from '../proc/helpers.ts';
import { q35, sh } from '../modules/helpers.ts';

/** qemu64 with another family/model in leaf 1 (extended family and model encoded as the CPU reports them). */
const amd_cpu = (family: number, model: number) => (leaf: number): [number, number, number, number] => {
  const r = qemu64_cpuid(leaf);
  if (leaf !== 1) return r;
  const eax = ((family > 0xf ? family - 0xf : 0) << 20) | ((model >> 4) << 16) | (Math.min(family, 0xf) << 8) | ((model & 0xf) << 4);
  return [eax >>> 0, r[1], r[2], r[3]];
};

describe('x86 CPU bugs', () => {
  it("QEMU's qemu64 (AMD family 0xf, model 0x6b): the family 0xf whitelist entry clears spec_store_bypass; K8 quirks and erratum 400 add theirs", () => {
    expect(x86_bug_flags(x86_cpu_bugs())).toBe('fxsave_leak sysret_ss_attrs null_seg swapgs_fence amd_e400 spectre_v1 spectre_v2');
  });

  it('a Zen 2 guest (family 0x17) falls to the any-family AMD entry and the 0x17 blacklist entry', () => {
    expect(x86_bug_flags(x86_cpu_bugs(amd_cpu(0x17, 0x31)))).toBe(
      'fxsave_leak sysret_ss_attrs null_seg spectre_v1 spectre_v2 spec_store_bypass retbleed smt_rsb srso tsa');
  });

  it('is what /proc/cpuinfo prints for every CPU', () => {
    const out = run(proc_machine(), 'pcat /proc/cpuinfo');
    expect(out.match(/^bugs\t\t: .*$/gm)).toEqual(Array(2).fill('bugs\t\t: fxsave_leak sysret_ss_attrs null_seg swapgs_fence amd_e400 spectre_v1 spectre_v2'));
  });

  it("cpu MHz and bogomips follow tsc.c's calibration on the reference machine (2000.011 MHz against the HPET under TCG, lpj 8000044), with no tsc_known_freq flag", () => {
    const m = q35({});
    expect(sh(m, 'dmesg')).toContain('tsc: Detected 2000.011 MHz processor');
    const out = sh(m, 'cat /proc/cpuinfo');
    // No cpufreq driver on this machine: cpu MHz is cpu_khz.
    expect(out.match(/^cpu MHz\t\t: .*$/gm)).toEqual(Array(2).fill('cpu MHz\t\t: 2000.011'));
    expect(out.match(/^bogomips\t: .*$/gm)).toEqual(Array(2).fill('bogomips\t: 4000.02'));
    expect(out).not.toContain('tsc_known_freq');
  });
});
