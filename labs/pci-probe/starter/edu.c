// SPDX-License-Identifier: GPL-2.0
/*
 * edu: a PCI driver for QEMU's educational device (1234:11e8).
 *
 * You write it step by step in the "PCI probe path" lab: each TODO names the
 * step that fills it in. The file builds (kwb build edu.c, or make with real
 * Linux 6.1 headers) and loads at every step; it just does less.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/io.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/jiffies.h>

#define EDU_REG_ID		0x00	/* RO: 0x010000ed */
#define EDU_REG_LIVENESS	0x04	/* RW: reads back ~value */
#define EDU_REG_FACT		0x08	/* RW: write n, read n! */
#define EDU_REG_STATUS		0x20	/* RW */
#define  EDU_STATUS_COMPUTING	0x01
#define  EDU_STATUS_IRQ_FACT	0x80	/* raise an interrupt when n! is ready */
#define EDU_REG_IRQ_STATUS	0x24	/* RO: pending interrupt bits */
#define EDU_REG_IRQ_ACK		0x64	/* WO: clears bits of IRQ_STATUS */
#define EDU_IRQ_FACT		0x00000001

#define EDU_LIVENESS_PATTERN	0x12345678

static bool use_msi;
module_param(use_msi, bool, 0444);
MODULE_PARM_DESC(use_msi, "use an MSI vector instead of the INTx pin");

static uint fact_n = 5;
module_param(fact_n, uint, 0444);
MODULE_PARM_DESC(fact_n, "n whose factorial the device computes at probe");

struct edu {
	struct pci_dev *pdev;
	void __iomem *bar;
	int irq;
	struct completion fact_done;	/* completed by the interrupt handler */
};

static irqreturn_t __maybe_unused edu_irq(int irq, void *data)
{
	/*
	 * TODO(factorial-irq): read EDU_REG_IRQ_STATUS. Zero: the interrupt is not ours
	 * (INTx may be shared), return IRQ_NONE. Otherwise acknowledge by writing
	 * the same bits to EDU_REG_IRQ_ACK, complete(&edu->fact_done) if
	 * EDU_IRQ_FACT is set, and return IRQ_HANDLED.
	 */
	return IRQ_NONE;
}

static int __maybe_unused edu_factorial(struct edu *edu, u32 n, u32 *result)
{
	/*
	 * TODO(factorial-irq): reinit_completion(), set EDU_STATUS_IRQ_FACT in
	 * EDU_REG_STATUS, write n to EDU_REG_FACT, then
	 * wait_for_completion_timeout(&edu->fact_done, msecs_to_jiffies(1000))
	 * (0 means it timed out: -ETIMEDOUT). Clear the status register and read
	 * the result from EDU_REG_FACT.
	 */
	return -ENOSYS;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct edu *edu;

	dev_info(dev, "probe: %04x:%04x matched by the id table\n", pdev->vendor, pdev->device);

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	init_completion(&edu->fact_done);

	/*
	 * TODO(enable-and-map): pci_enable_device(pdev), pci_request_region(pdev, 0, "edu"),
	 * edu->bar = pci_iomap(pdev, 0, 0); on failure undo what succeeded, in
	 * reverse, and return the error. Read EDU_REG_ID with ioread32() and print
	 *   dev_info(dev, "BAR0 at 0x%llx (%llu KiB) mapped, identification 0x%08x (v%u.%u)\n",
	 *            (unsigned long long)pci_resource_start(pdev, 0),
	 *            (unsigned long long)pci_resource_len(pdev, 0) / 1024,
	 *            ident, ident >> 24, (ident >> 16) & 0xff);
	 */

	/*
	 * TODO(liveness): iowrite32(EDU_LIVENESS_PATTERN, ...) to EDU_REG_LIVENESS,
	 * read it back, fail with -EIO unless it is the complement, and print
	 *   dev_info(dev, "liveness: wrote 0x%08x, read back 0x%08x\n", EDU_LIVENESS_PATTERN, live);
	 */

	/*
	 * TODO(irq): pci_alloc_irq_vectors(pdev, 1, 1, use_msi ? PCI_IRQ_MSI : PCI_IRQ_LEGACY),
	 * pci_set_master(pdev) (an MSI is a memory write by the device),
	 * edu->irq = pci_irq_vector(pdev, 0), request_irq(edu->irq, edu_irq,
	 * use_msi ? 0 : IRQF_SHARED, "edu", edu), then
	 *   dev_info(dev, "irq %d (%s)\n", edu->irq, use_msi ? "MSI" : "INTx");
	 */

	/*
	 * TODO(factorial-irq): edu_factorial(edu, fact_n, &fact), then
	 *   dev_info(dev, "%u! = %u, signalled by interrupt\n", fact_n, fact);
	 */

	pci_set_drvdata(pdev, edu);
	return 0;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	/*
	 * TODO(remove-releases): give back what probe took, in reverse order: free_irq,
	 * pci_free_irq_vectors, pci_iounmap, pci_release_region,
	 * pci_disable_device, kfree.
	 */
	(void)edu;

	/* TODO(rebind): dev_info(&pdev->dev, "removed\n"); */
}

static const struct pci_device_id edu_ids[] = {
	/* TODO(id-table): the edu device, { PCI_DEVICE(vendor, device) } */
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name		= "edu",
	.id_table	= edu_ids,
	.probe		= edu_probe,
	.remove		= edu_remove,
};
module_pci_driver(edu_driver);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Kernel Workbench");
MODULE_DESCRIPTION("PCI probe path lab: a driver for QEMU's edu device");
