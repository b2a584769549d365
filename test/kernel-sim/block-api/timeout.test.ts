// A C block driver that forgets blk_mq_end_request (test/fixtures/drivers/ramdisk built with RAMDISK_BUG_NO_END): without a
// .timeout the block layer keeps re-arming the request's timer (6.1's blk_mq_rq_timed_out → blk_add_timer), the writer
// waits in D state and khungtaskd reports it after hung_task_timeout_secs of virtual time; with the driver's .timeout
// (RAMDISK_TIMEOUT, a 5 s tag set timeout) the handler fails the request with BLK_STS_TIMEOUT: the kernel's
// "timeout error" line, and the writer gets ETIMEDOUT (blk_status_to_errno).
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, sh, toolchain } from '../modules/helpers.ts';
import { buildDriver } from '../toolchain/helpers.ts';

let noEnd: Uint8Array;
let withTimeout: Uint8Array;
beforeAll(async () => {
  const a = await buildDriver(toolchain(), 'ramdisk', ['RAMDISK_BUG_NO_END']);
  expect(a.log).toBe('');
  noEnd = a.wasm!;
  const b = await buildDriver(toolchain(), 'ramdisk', ['RAMDISK_BUG_NO_END', 'RAMDISK_TIMEOUT']);
  expect(b.log).toBe('');
  withTimeout = b.wasm!;
}, 300_000);

describe('a driver that never ends a request', () => {
  it('leaves the writer in D state; khungtaskd reports it after 120 s in Linux format', () => {
    const m = machine({ '/root/kwb_ramdisk.ko': noEnd });
    expect(sh(m, 'insmod /root/kwb_ramdisk.ko; echo rc=$?')).toBe('rc=0\n');
    sh(m, 'dd if=/dev/zero of=/dev/kwbram0 bs=4096 count=1 oflag=direct 2>/dev/null &');
    m.runFor(60e9);
    const pid = sh(m, 'grep -l "^dd$" /proc/[0-9]*/comm').trim().split('/')[2]!;
    expect(pid).toMatch(/^\d+$/);
    expect(sh(m, `cut -d' ' -f3 /proc/${pid}/stat`)).toBe('D\n');
    expect(sh(m, 'dmesg | grep -c "blocked for more than"')).toBe('0\n');
    // khungtaskd looks every 120 s and reports a task unscheduled between two looks: by 240 s after the write.
    m.runFor(200e9);
    const log = sh(m, 'dmesg');
    const lines = log.split('\n').map((l) => l.replace(/^\[[ 0-9.]+\] /, ''));
    const i = lines.findIndex((l) => l === `INFO: task dd:${pid} blocked for more than 120 seconds.`);
    expect(i, log).toBeGreaterThan(0);
    expect(lines[i + 1]).toMatch(/^ {6}Tainted: G +OE +6\.1\.0\S* #\d+$/);
    expect(lines[i + 2]).toBe('"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.');
    expect(lines[i + 3]).toMatch(new RegExp(`^task:dd +state:D stack:0 +pid:${pid} +ppid:\\d+ +flags:0x00004000$`));
    expect(lines[i + 4]).toBe('Call Trace:');
  });

  it('with the driver\'s .timeout: the handler runs after the tag set\'s 5 s, fails the request, and the writer gets ETIMEDOUT', () => {
    const m = machine({ '/root/kwb_ramdisk.ko': withTimeout });
    expect(sh(m, 'insmod /root/kwb_ramdisk.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'dd if=/dev/zero of=/dev/kwbram0 bs=4096 count=1 seek=3 oflag=direct; echo rc=$?')).toMatch(/^dd: error writing '\/dev\/kwbram0': Connection timed out\n(.*\n)*rc=1\n$/);
    const log = sh(m, 'dmesg | tail -4');
    expect(log).toMatch(/kwb_ramdisk: request at sector 24 \(4096 bytes\) timed out\n/);
    expect(log).toMatch(/timeout error, dev kwbram0, sector 24 op 0x1:\(WRITE\) flags 0x[0-9a-f]+ phys_seg 1 prio class 2\n/);
    expect(sh(m, 'dmesg | grep -c "blocked for more than"')).toBe('0\n');
  });
});
