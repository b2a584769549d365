// The /proc files of subsystems kproc added for issue 15's inode numbers: /proc/mtrr (SeaBIOS's MTRRs on q35),
// /proc/slabinfo and /proc/vmallocinfo (the slab and ioremap/module models), /proc/dynamic_debug/control (the
// built-in pr_debug sites) and /proc/kcore (an ELF core of the address space), in 6.1's formats.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { q35, sh } from '../modules/helpers.ts';
import { kmalloc, kfree } from '../../../kernel-sim/mm/slab.ts';
import { ioremap, iounmap } from '../../../kernel-sim/arch/x86/io.ts';
import { kcore_headers } from '../../../kernel-sim/fs/proc/kcore.ts';
import { ddebug_exec_query } from '../../../kernel-sim/lib/dynamic_debug.ts';

let m: Machine;
beforeAll(() => { m = q35({}); }, 120_000);

describe('/proc/mtrr', () => {
  it('shows the one range SeaBIOS sets on q35: the PCI hole from 3 GiB to 4 GiB uncachable', () => {
    expect(sh(m, 'ls -l /proc/mtrr')).toMatch(/^-rw-r--r-- .* \/proc\/mtrr$/m);
    expect(sh(m, 'cat /proc/mtrr')).toBe('reg00: base=0x0c0000000 ( 3072MB), size= 1024MB, count=1: uncachable\n');
  });

  it('takes a range written to it, counts a second user of the same range, refuses an overlap of another type', () => {
    sh(m, 'echo "base=0x10000000 size=0x1000000 type=write-combining" > /proc/mtrr');
    sh(m, 'echo "base=0x10000000 size=0x1000000 type=write-combining" > /proc/mtrr');
    expect(sh(m, 'cat /proc/mtrr').split('\n')[1]).toBe('reg01: base=0x010000000 (  256MB), size=   16MB, count=2: write-combining');
    // Write-combining inside the uncachable PCI hole is a type mismatch.
    expect(sh(m, 'echo "base=0xd0000000 size=0x1000 type=write-combining" > /proc/mtrr; echo rc=$?')).toBe('rc=1\n');
    sh(m, 'echo disable=1 > /proc/mtrr; echo disable=1 > /proc/mtrr');
    expect(sh(m, 'cat /proc/mtrr')).toBe('reg00: base=0x0c0000000 ( 3072MB), size= 1024MB, count=1: uncachable\n');
  });
});

describe('/proc/slabinfo', () => {
  const line = (name: string): string[] => sh(m, `grep "^${name} " /proc/slabinfo`).trim().split(/\s+/);

  it('has 2.1\'s header and one line per cache, the kmalloc caches largest first (newest first)', () => {
    const out = sh(m, 'cat /proc/slabinfo').split('\n');
    expect(out[0]).toBe('slabinfo - version: 2.1');
    expect(out[1]).toBe('# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>');
    const names = out.slice(2).filter(Boolean).map((l) => l.split(' ')[0]).filter((n) => n.startsWith('kmalloc-'));
    expect(names.slice(0, 3)).toEqual(['kmalloc-8k', 'kmalloc-4k', 'kmalloc-2k']);
    expect(names.at(-1)).toBe('kmalloc-8');
  });

  it('counts an allocation in its cache\'s active objects and gives it back when freed', () => {
    const before = Number(line('kmalloc-64')[1]);
    const a = m.inspect(() => kmalloc(40, 0));
    expect(Number(line('kmalloc-64')[1])).toBe(before + 1);
    const l = line('kmalloc-64');
    expect(Number(l[2])).toBeGreaterThanOrEqual(before + 1);
    expect(l.slice(6, 10)).toEqual([':', 'tunables', '0', '0']);
    m.inspect(() => kfree(a));
    expect(Number(line('kmalloc-64')[1])).toBe(before);
  });
});

describe('/proc/vmallocinfo', () => {
  it('lists each ioremap with its size (guard page included), caller and phys; gone after iounmap', () => {
    const out = sh(m, 'cat /proc/vmallocinfo');
    expect(out).toMatch(/^0x[0-9a-f]{16}-0x[0-9a-f]{16}    8192 ioapic phys=0x00000000fec00000 ioremap$/m);
    const v = m.inspect(() => ioremap(0xfed40000, 0x5000, 'kproc_test'));
    expect(sh(m, 'grep kproc_test /proc/vmallocinfo')).toMatch(/^0x[0-9a-f]{16}-0x[0-9a-f]{16}   24576 kproc_test phys=0x00000000fed40000 ioremap\n$/);
    m.inspect(() => iounmap(v));
    expect(sh(m, 'grep -c kproc_test /proc/vmallocinfo')).toBe('0\n');
  });

  it('is root\'s only', () => {
    expect(sh(m, 'ls -l /proc/vmallocinfo /proc/slabinfo')).toMatch(/^-r-------- .*slabinfo\n-r-------- .*vmallocinfo\n$/);
  });
});

describe('/proc/dynamic_debug/control', () => {
  it('lists the built-in pr_debug sites with their place in 6.1\'s source, all off', () => {
    const out = sh(m, 'cat /proc/dynamic_debug/control').split('\n');
    expect(out[0]).toBe('# filename:lineno [module]function flags format');
    expect(out).toContain('kernel/power/swap.c:1562 [swap]swsusp_check =_ "Image not found (code %d)\\n"');
  });

  it('a query sets flags on the sites it matches; a bad one is refused', () => {
    expect(m.inspect(() => ddebug_exec_query('file swap.c line 1500-1510 +pfl'))).toBe(2);
    expect(sh(m, 'grep swsusp_read /proc/dynamic_debug/control')).toBe(
      'kernel/power/swap.c:1507 [swap]swsusp_read =pfl "Image successfully loaded\\n"\nkernel/power/swap.c:1509 [swap]swsusp_read =pfl "Error %d resuming\\n"\n');
    sh(m, 'echo "func swsusp_read -fl" > /proc/dynamic_debug/control');
    expect(sh(m, 'grep -c "swsusp_read =p " /proc/dynamic_debug/control')).toBe('2\n');
    expect(sh(m, 'echo "bogus x +p" > /proc/dynamic_debug/control; echo rc=$?')).toMatch(/rc=1/);
    sh(m, 'echo "module swap =_" > /proc/dynamic_debug/control');
    expect(sh(m, 'grep -c "=_ " /proc/dynamic_debug/control')).toBe('5\n');
  });
});

describe('/proc/kcore', () => {
  it('is an ELF64 x86-64 core: PT_NOTE, then PT_LOADs for vsyscall, text, vmalloc, modules, and each RAM range with its struct pages', () => {
    const h = m.inspect(() => kcore_headers());
    const dv = new DataView(h.buffer);
    expect([...h.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(dv.getUint16(16, true)).toBe(4);
    expect(dv.getUint16(18, true)).toBe(62);
    const phnum = dv.getUint16(56, true);
    const ph = Array.from({ length: phnum }, (_, i) => ({
      type: dv.getUint32(64 + i * 56, true), off: dv.getBigUint64(64 + i * 56 + 8, true),
      vaddr: dv.getBigUint64(64 + i * 56 + 16, true), paddr: dv.getBigUint64(64 + i * 56 + 24, true), size: dv.getBigUint64(64 + i * 56 + 32, true),
    }));
    expect(ph[0].type).toBe(4);
    expect(ph.slice(1).every((p) => p.type === 1)).toBe(true);
    expect(ph.slice(1, 5).map((p) => p.vaddr)).toEqual([0xffffffffff600000n, 0xffffffff81000000n, 0xffffc90000000000n, 0xffffffffc0000000n]);
    // System RAM on the 512 MiB q35 machine: the low 640 KiB less the EBDA, and 1 MiB up to SeaBIOS's tables.
    const ram = sh(m, 'grep "System RAM" /proc/iomem').trim().split('\n').map((l) => l.trim().split(' ')[0].split('-').map((x) => parseInt(x, 16)));
    expect(phnum).toBe(1 + 4 + 2 * ram.length);
    expect(ph[5].paddr).toBe(BigInt(Math.ceil(ram[0][0] / 4096) * 4096));
    expect(ph[5].vaddr - ph[5].paddr).toBe(0xffff888000000000n);
    // Each segment sits at its address less PAGE_OFFSET past the headers, so the file is as large as the top one's end.
    const data_offset = ph[1].off - (ph[1].vaddr - 0xffff888000000000n);
    expect(data_offset % 4096n).toBe(0n);
    expect(sh(m, 'stat -c %s /proc/kcore')).toBe(`${data_offset + 0xffffffffff601000n - 0xffff888000000000n}\n`);
    // The notes: CORE prstatus, prpsinfo ("vmlinux" and the command line), task_struct, then VMCOREINFO.
    const notes = new TextDecoder('latin1').decode(h.subarray(Number(dv.getBigUint64(64 + 8, true))));
    expect(notes).toContain('vmlinux');
    expect(notes).toContain('VMCOREINFO');
    expect(notes).toMatch(/OSRELEASE=6\.1\.0/);
  });

  it('reads the header through the file', () => {
    expect(sh(m, 'head -c 4 /proc/kcore | od -A n -t x1')).toBe(' 7f 45 4c 46\n');
  });
});

describe('/proc/crypto', () => {
  it('lists the built-in generic algorithms newest first in c_show\'s format, with each type\'s lines', () => {
    const out = sh(m, 'cat /proc/crypto');
    const blocks = out.split('\n\n').filter(Boolean);
    expect(blocks[0]).toMatch(/^name         : pkcs1pad\(rsa,sha256\)\ndriver       : pkcs1pad\(rsa-generic,sha256\)\nmodule       : kernel\n/);
    expect(blocks.at(-1)).toBe('name         : dh\ndriver       : dh-generic\nmodule       : kernel\npriority     : 100\nrefcnt       : 1\nselftest     : passed\ninternal     : no\ntype         : kpp');
    expect(out).toContain('driver       : sha256-generic\nmodule       : kernel\npriority     : 100\nrefcnt       : 1\nselftest     : passed\ninternal     : no\ntype         : shash\nblocksize    : 64\ndigestsize   : 32\n');
    expect(out).toContain('driver       : aes-generic\nmodule       : kernel\npriority     : 100\nrefcnt       : 1\nselftest     : passed\ninternal     : no\ntype         : cipher\nblocksize    : 16\nmin keysize  : 16\nmax keysize  : 32\n');
    expect(out).toContain('driver       : ecb-cipher_null\n');
    expect(out.match(/^name {9}: stdrng$/gm)).toHaveLength(22);
    expect(out).toContain('driver       : drbg_nopr_hmac_sha256\nmodule       : kernel\npriority     : 221\n');
  });
});

describe('/proc/keys and /proc/key-users', () => {
  it('show root the kernel\'s keyrings and the build\'s certificate in the builtin keyring', () => {
    const keys = sh(m, 'cat /proc/keys').trim().split('\n');
    const row = /^[0-9a-f]{8} I--Q--- +\d+ perm [0-9a-f]{8} +0 +0 (\S+) +(.*)$/;
    expect(keys.every((l) => row.test(l.replace('I------', 'I--Q---')))).toBe(true);
    // The type is %-9.9s: "asymmetric" loses its last letter, as on Linux.
    const desc = keys.map((l) => l.slice(49).trim()).sort();
    expect(desc).toEqual([
      'asymmetri Build time autogenerated kernel key: 8963f707e289edc09df337a240938134371a5bb8: X509.rsa 371a5bb8 []',
      'keyring   .blacklist: empty', 'keyring   .builtin_trusted_keys: 1', 'keyring   .machine: empty', 'keyring   .platform: empty',
      'keyring   .secondary_trusted_keys: 2',
    ]);
    // Sorted by serial (the key_serial_tree), none in quota (KEY_ALLOC_NOT_IN_QUOTA).
    const serials = keys.map((l) => parseInt(l.slice(0, 8), 16));
    expect([...serials].sort((a, b) => a - b)).toEqual(serials);
    expect(keys.every((l) => l.slice(9, 16) === 'I------')).toBe(true);
    // root_key_user: usage 3 and two keys at start, plus the six.
    expect(sh(m, 'cat /proc/key-users')).toBe('    0:     9 8/8 0/1000000 0/25000000\n');
  });
});

describe('/proc/timer_list', () => {
  it('has v0.9\'s header and, per CPU, eight clock bases; the queued timers are CPU 0\'s monotonic ones', () => {
    const out = sh(m, 'cat /proc/timer_list');
    expect(out).toMatch(/^Timer List Version: v0\.9\nHRTIMER_MAX_CLOCK_BASES: 8\nnow at \d+ nsecs\n\ncpu: 0\n clock 0:\n  \.base: {7}[0-9a-f]{16}\n  \.index: {6}0\n  \.resolution: 1 nsecs\n  \.get_time: {3}ktime_get\n  \.offset: {5}0 nsecs\nactive timers:\n #0: <[0-9a-f]{16}>, \S+, S:01\n # expires at (\d+)-\1 nsecs \[in (-?\d+) to \2 nsecs\]\n/);
    expect(out.match(/^cpu: \d$/gm)).toEqual(['cpu: 0', 'cpu: 1']);
    expect(out.match(/^ clock \d:$/gm)).toHaveLength(16);
    expect(out).toMatch(/ clock 1:\n(.*\n){3}  \.get_time: {3}ktime_get_real\n  \.offset: {5}1767225600000000000 nsecs\n/);
    expect(sh(m, 'ls -l /proc/timer_list')).toMatch(/^-r-------- /);
  });
});
