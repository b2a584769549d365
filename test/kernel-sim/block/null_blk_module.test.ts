// null_blk as the loadable module Linux ships (obj-m, kernel/drivers/block/null_blk/null_blk.ko): modinfo, modprobe with parameters reaching null_init, /sys/module parameters, the queue directory against block-nullb0-queue.txt, rmmod taking the disks away.
import { describe, it, expect } from 'vitest';
import { boot } from '../core/harness.ts';
import { reference } from '../../fixtures/reference.ts';

describe('modprobe null_blk', () => {
  const m = boot();

  it('modinfo shows the module as Debian builds it, with its parameters', () => {
    const out = m.runCommand('modinfo null_blk').output;
    expect(out).toMatch(/^filename:\s+\/lib\/modules\/6\.1\.0-kwb\/kernel\/drivers\/block\/null_blk\/null_blk\.ko$/m);
    expect(out).toMatch(/^description:\s+multi queue aware block test driver$/m);
    expect(out).toMatch(/^author:\s+Jens Axboe <axboe@kernel\.dk>$/m);
    expect(out).toMatch(/^parm:\s+irqmode:IRQ completion handler\. 0-none, 1-softirq, 2-timer/m);
  });

  it('with defaults: nullb0 whose queue directory matches the reference line for line', () => {
    const r = m.runCommand('modprobe null_blk; echo rc=$?; lsmod | grep ^null_blk; ls /sys/block; cd /sys/block/nullb0/queue && grep . * 2>&1');
    expect(r.output).toContain('rc=0\n');
    expect(r.output).toMatch(/^null_blk\s+110592\s+0\s*$/m);
    expect(r.output).toMatch(/^nullb0$/m);
    const want = reference('block-nullb0-queue.txt').split('\n').slice(1).filter(Boolean);
    const got = r.output.split('\n').filter((l) => /^[a-z_]+:/.test(l));
    expect(got).toEqual(want);
  });

  it('rmmod removes the disks; modprobe with parameters makes two devices of the asked depth, shown in /sys/module', () => {
    const r = m.runCommand([
      'rmmod null_blk; ls /sys/block | grep -c nullb',
      'modprobe null_blk nr_devices=2 irqmode=2 completion_nsec=50000 hw_queue_depth=32 gb=1',
      'ls /sys/block | grep nullb', 'cat /sys/module/null_blk/parameters/irqmode /sys/module/null_blk/parameters/hw_queue_depth',
      'cat /sys/block/nullb1/queue/nr_requests /sys/block/nullb1/size', 'dd if=/dev/nullb1 of=/dev/null bs=4k count=16 2>&1 | tail -1',
    ].join('; '));
    expect(r.output).toMatch(/^0\nnullb0\nnullb1\n2\n32\n32\n2097152\n/);
    expect(r.output).toMatch(/^65536 bytes \(66 kB, 64 KiB\) copied/m);
  });
});
