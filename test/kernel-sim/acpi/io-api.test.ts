// The port and MMIO I/O API for C modules (asm/io.h, linux/ioport.h, linux/iopoll.h) and the textbook PCI probe fixture test/fixtures/drivers/pci-probe-classic (real-kbuild buildable) on the reference machine: regions in /proc/ioports and /proc/iomem, -EBUSY conflicts, port accessors and cookies, ioremap, request_irq on pdev->irq.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, source, q35, sh, dmesg } from '../modules/helpers.ts';

/** A module that uses the port API on the console UART's scratch register (offset 7) and a free COM2 range. */
const IO_API_C = `
#include <linux/module.h>
#include <linux/ioport.h>
#include <linux/io.h>
#include <linux/errno.h>

static struct resource *com2;

static int __init io_api_init(void)
{
	u8 buf[3] = { 1, 2, 3 };
	void __iomem *p;

	pr_info("0x3f8: %s\\n", request_region(0x3f8, 8, "io_api") ? "granted" : "busy");
	com2 = request_region(0x2f8, 8, "io_api");
	if (!com2)
		return -EBUSY;
	pr_info("0x2f8: %pR %s\\n", com2, com2->name);
	outb(0x5a, 0x3ff);
	pr_info("inb %#x\\n", inb(0x3ff));
	outb_p(0xa5, 0x3ff);
	pr_info("inb_p %#x\\n", inb_p(0x3ff));
	p = ioport_map(0x3f8, 8);
	iowrite8(0x3c, p + 7);
	pr_info("ioread8 %#x\\n", ioread8(p + 7));
	ioport_unmap(p);
	outsb(0x3ff, buf, 3);
	insb(0x3ff, buf, 1);
	pr_info("outsb/insb %u\\n", buf[0]);
	return 0;
}

static void __exit io_api_exit(void)
{
	release_region(0x2f8, 8);
}

module_init(io_api_init);
module_exit(io_api_exit);
MODULE_LICENSE("GPL");
`;

let io_api: Uint8Array;
let classic: Uint8Array;
beforeAll(async () => {
  io_api = await source('io_api.c', IO_API_C);
  classic = await driver('pci-probe-classic');
}, 240_000);

describe('port I/O and regions from C', () => {
  it('request_region conflicts with a claimed range, shows in /proc/ioports, and the accessors reach the UART', () => {
    const m = q35({ '/root/io_api.ko': io_api });
    expect(sh(m, 'insmod /root/io_api.ko; echo rc=$?')).toBe('rc=0\n');
    const d = dmesg(m);
    for (const l of ['0x3f8: busy', '0x2f8: [io  0x02f8-0x02ff] io_api', 'inb 0x5a', 'inb_p 0xa5', 'ioread8 0x3c', 'outsb/insb 3']) {
      expect(d).toContain(l);
    }
    // Inside the host bridge's window, as on Linux.
    expect(sh(m, 'grep io_api /proc/ioports')).toBe('  02f8-02ff : io_api\n');
    expect(sh(m, 'rmmod io_api; grep -c io_api /proc/ioports')).toBe('0\n');
  });
});

describe('the textbook PCI probe (pci-probe-classic)', () => {
  it('binds edu with ioremap and a shared INTx line, polls the factorial, takes its interrupt, and undoes it all in remove', () => {
    const m = q35({ '/root/edu_classic.ko': classic });
    expect(sh(m, 'insmod /root/edu_classic.ko; echo rc=$?')).toBe('rc=0\n');
    const d = dmesg(m);
    expect(d).toContain('ACPI: \\_SB_.GSIG: Enabled at IRQ 22');
    expect(d).toContain('edu_classic 0000:00:02.0: edu 1.0 at 0x00000000fea00000 (1024 KiB), irq 22');
    expect(d).toContain('edu_classic 0000:00:02.0: 5! = 120');
    expect(sh(m, 'sleep 1; grep edu_classic /proc/interrupts')).toMatch(/^ *22: +\d+ +\d+ +IO-APIC +22-fasteoi +edu_classic\n$/);
    const count = sh(m, 'grep edu_classic /proc/interrupts').trim().split(/\s+/).slice(1, 3).reduce((s, x) => s + Number(x), 0);
    expect(count).toBe(1);
    expect(sh(m, 'grep -e "fea00000" /proc/iomem')).toBe('  fea00000-feafffff : 0000:00:02.0\n    fea00000-feafffff : edu_classic\n');
    expect(sh(m, 'readlink /sys/bus/pci/devices/0000:00:02.0/driver')).toBe('../../../bus/pci/drivers/edu_classic\n');
    expect(sh(m, 'rmmod edu_classic; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('edu_classic 0000:00:02.0: 1 interrupt(s), last status 0x1234');
    expect(sh(m, 'grep -c edu_classic /proc/iomem /proc/interrupts')).toBe('/proc/iomem:0\n/proc/interrupts:0\n');
  });
});
