// proc inode numbers: which /proc entries take a number from the dynamic range namespaces share (proc_alloc_inum), as 6.1 allocates them.
import { describe, it, expect, beforeAll } from 'vitest';
import { proc_machine, run } from './helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { PROC_DYNAMIC_FIRST } from '../../../kernel-sim/kernel/nsproxy.ts';
import { IRQ_HANDLED, irq_alloc_descs, irq_free_descs, irq_set_chip_and_handler_name } from '../../../kernel-sim/kernel/irq/irqdesc.ts';
import { handle_simple_irq } from '../../../kernel-sim/kernel/irq/chip.ts';
import { request_irq, free_irq } from '../../../kernel-sim/kernel/irq/manage.ts';
import { request_dma, free_dma } from '../../../kernel-sim/kernel/dma.ts';
import { EBUSY, EINVAL } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';


let m: Machine;
beforeAll(() => { m = proc_machine(); });

/** "ino name" lines of `pls -i DIR` as a map. */
function inos(dir: string): Map<string, number> {
  const out = run(m, `pls -i ${dir}`).trim().split('\n').filter((l) => !/ \.\.?$/.test(l));
  return new Map(out.map((l) => { const [n, name] = l.split(' '); return [name, Number(n)] as [string, number]; }));
}

describe('proc_alloc_inum at boot', () => {
  it('init_net, the initial mount namespace, then proc_root_init: self, thread-self, mounts, net in that order', () => {
    const root = inos('/proc');
    // start_kernel: net_ns_init and mnt_init take the first two; proc_root_init follows with self and thread-self.
    expect(run(m, 'preadlink /proc/self/ns/net; preadlink /proc/self/ns/mnt')).toBe(`net:[${PROC_DYNAMIC_FIRST}]\nmnt:[${PROC_DYNAMIC_FIRST + 1}]\n`);
    expect(['self', 'thread-self', 'mounts', 'net'].map((n) => root.get(n)! - PROC_DYNAMIC_FIRST)).toEqual([2, 3, 4, 5]);
    // The link's inode (lookup) has the number readdir gives.
    expect(run(m, 'pls -l /proc').match(/^lrwxrwxrwx 1 0 0 \d+ self -> \d+$/m)).not.toBeNull();
  });

  it('/proc/sys is a proc_dir_entry, the sysctl tables under it are not (get_next_ino)', () => {
    const sys = inos('/proc').get('sys')!;
    expect(sys).toBeGreaterThanOrEqual(PROC_DYNAMIC_FIRST);
    const kernel = inos('/proc/sys').get('kernel')!;
    const ostype = inos('/proc/sys/kernel').get('ostype')!;
    expect(kernel).toBeLessThan(PROC_DYNAMIC_FIRST);
    expect(ostype).toBeLessThan(PROC_DYNAMIC_FIRST);
    // The number is the inode's too, and stays the same for the boot.
    expect(run(m, 'pstat /proc/sys/kernel/ostype').split(' ')[0]).toBe(String(ostype));
    expect(inos('/proc/sys/kernel').get('ostype')).toBe(ostype);
  });

  it('proc_root_init makes fs/nfsd and proc_tty_init the /proc/tty subtree', () => {
    expect(run(m, 'pls /proc/fs')).toBe('.\n..\nnfsd\n');
    expect(run(m, 'pls /proc/fs/nfsd')).toBe('.\n..\n');
    expect(run(m, 'pls -l /proc/tty')).toMatch(/^dr-xr-xr-x 2 0 0 0 ldisc\n(.*\n)*dr-x------ 2 0 0 0 driver\n/m);
    expect(run(m, 'pls /proc/tty')).toBe('.\n..\nldisc\ndriver\nldiscs\ndrivers\n');
    expect(run(m, 'pcat /proc/tty/ldiscs')).toBe('n_tty       0\n');
    const tty = inos('/proc/tty');
    expect(tty.get('ldisc')! + 1).toBe(tty.get('driver'));
    expect(tty.get('driver')! + 1).toBe(tty.get('ldiscs'));
    expect(tty.get('ldiscs')! + 1).toBe(tty.get('drivers'));
  });

  it('/proc/locks: fs/locks.c\'s fs_initcall, right after /proc/filesystems; no lock is held, so it reads empty', () => {
    const root = inos('/proc');
    expect(root.get('locks')).toBe(root.get('filesystems')! + 1);
    expect(run(m, 'pls -l /proc')).toMatch(/^-r--r--r-- 1 0 0 0 locks$/m);
    expect(run(m, 'pcat /proc/locks')).toBe('');
  });

  it('/proc/tty/drivers: the pseudo-drivers, then tty_drivers newest first (8250, pts, ptm, the VT console)', () => {
    expect(run(m, 'pls -l /proc/tty')).toMatch(/^-r--r--r-- 1 0 0 0 drivers$/m);
    expect(run(m, 'pcat /proc/tty/drivers')).toBe([
      '/dev/tty             /dev/tty        5       0 system:/dev/tty',
      '/dev/console         /dev/console    5       1 system:console',
      '/dev/ptmx            /dev/ptmx       5       2 system',
      '/dev/vc/0            /dev/vc/0       4       0 system:vtmaster',
      'serial               /dev/ttyS       4 64-67 serial',
      'pty_slave            /dev/pts      136 0-1048575 pty:slave',
      'pty_master           /dev/ptm      128 0-1048575 pty:master',
      'unknown              /dev/tty        4 1-63 console',
      '',
    ].join('\n'));
  });

  it('an IRQ gets /proc/irq/N when a handler is set up on it, not when its descriptor is allocated', () => {
    const irq = m.inspect(() => {
      const n = irq_alloc_descs(-1, 16, 1);
      irq_set_chip_and_handler_name(n, { name: 'test-chip' }, handle_simple_irq, 'simple');
      return n;
    });
    expect(irq).toBeGreaterThanOrEqual(16);
    expect(inos('/proc/irq').has(String(irq))).toBe(false);
    expect(m.inspect(() => request_irq(irq, () => IRQ_HANDLED, 0, 'inum-test', m))).toBe(0);
    expect([...inos(`/proc/irq/${irq}`).keys()]).toContain('inum-test');
    expect(inos(`/proc/irq/${irq}`).size).toBe(8);
    m.inspect(() => { free_irq(irq, m); irq_free_descs(irq, 1); });
    expect(inos('/proc/irq').has(String(irq))).toBe(false);
  });

  it('a namespace made after boot takes the lowest free number, and gives it back when it dies', () => {
    const a = run(m, 'unshare -u readlink /proc/self/ns/uts').trim();
    const b = run(m, 'unshare -u readlink /proc/self/ns/uts').trim();
    expect(a).toMatch(/^uts:\[\d+\]$/);
    expect(b).toBe(a);
  });

  it('/proc/dma, /proc/execdomains and /proc/pressure as kernel/dma.c, exec_domain.c and psi.c print them', () => {
    expect(run(m, 'pcat /proc/dma')).toBe(' 4: cascade\n');
    expect(m.inspect(() => [request_dma(3, 'parport0'), request_dma(3, 'other'), request_dma(8, 'x')])).toEqual([0, -EBUSY, -EINVAL]);
    expect(run(m, 'pcat /proc/dma')).toBe(' 3: parport0\n 4: cascade\n');
    m.inspect(() => free_dma(3));
    expect(run(m, 'pcat /proc/execdomains')).toBe('0-0\tLinux           \t[kernel]\n');
    expect(run(m, 'pls -l /proc/pressure')).toMatch(/^-rw-rw-rw- 1 0 0 0 io\n-rw-rw-rw- 1 0 0 0 cpu\n-rw-rw-rw- 1 0 0 0 memory\n$/m);
    // The machine's stalls are the root cgroup's: the same totals as /sys/fs/cgroup's files.
    const line = /^some avg10=\d+\.\d\d avg60=\d+\.\d\d avg300=\d+\.\d\d total=\d+\nfull avg10=\d+\.\d\d avg60=\d+\.\d\d avg300=\d+\.\d\d total=\d+\n$/;
    for (const r of ['io', 'memory', 'cpu']) expect(run(m, `pcat /proc/pressure/${r}`)).toMatch(line);
    const total = (t: string): string => /^some .* total=(\d+)/.exec(t)![1];
    expect(total(run(m, 'pcat /proc/pressure/memory'))).toBe(total(run(m, 'pcat /sys/fs/cgroup/memory.pressure')));
  });
});
