// SPDX-License-Identifier: GPL-2.0
/*
 * edu: a PCI driver for QEMU's educational device (1234:11e8), written step
 * by step in the "PCI probe path" lab. Builds with kbuild against Linux 6.1.
 *
 * probe: match the ID table, enable the device, claim and map BAR0, check the
 * identification and liveness registers, allocate one interrupt vector (INTx,
 * or MSI with use_msi=1), request it, and let the device compute fact_n! and
 * signal completion by interrupt. remove gives everything back, in reverse.
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

static irqreturn_t edu_irq(int irq, void *data)
{
	struct edu *edu = data;
	u32 status = ioread32(edu->bar + EDU_REG_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;	/* a shared INTx line: not ours */
	iowrite32(status, edu->bar + EDU_REG_IRQ_ACK);
	if (status & EDU_IRQ_FACT)
		complete(&edu->fact_done);
	return IRQ_HANDLED;
}

static int edu_factorial(struct edu *edu, u32 n, u32 *result)
{
	reinit_completion(&edu->fact_done);
	iowrite32(EDU_STATUS_IRQ_FACT, edu->bar + EDU_REG_STATUS);
	iowrite32(n, edu->bar + EDU_REG_FACT);
	if (!wait_for_completion_timeout(&edu->fact_done, msecs_to_jiffies(1000)))
		return -ETIMEDOUT;
	iowrite32(0, edu->bar + EDU_REG_STATUS);
	*result = ioread32(edu->bar + EDU_REG_FACT);
	return 0;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct edu *edu;
	u32 ident, live, fact;
	int ret;

	dev_info(dev, "probe: %04x:%04x matched by the id table\n", pdev->vendor, pdev->device);

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	init_completion(&edu->fact_done);

	/* enable-and-map: enable, claim BAR0, map it. */
	ret = pci_enable_device(pdev);
	if (ret)
		goto err_free;
	ret = pci_request_region(pdev, 0, "edu");
	if (ret)
		goto err_disable;
	edu->bar = pci_iomap(pdev, 0, 0);
	if (!edu->bar) {
		ret = -ENOMEM;
		goto err_release;
	}
	ident = ioread32(edu->bar + EDU_REG_ID);
	if ((ident & 0xff) != 0xed) {
		dev_err(dev, "unexpected identification 0x%08x\n", ident);
		ret = -ENODEV;
		goto err_unmap;
	}
	dev_info(dev, "BAR0 at 0x%llx (%llu KiB) mapped, identification 0x%08x (v%u.%u)\n",
		 (unsigned long long)pci_resource_start(pdev, 0),
		 (unsigned long long)pci_resource_len(pdev, 0) / 1024,
		 ident, ident >> 24, (ident >> 16) & 0xff);

	/* liveness: the liveness register returns the complement of what we wrote. */
	iowrite32(EDU_LIVENESS_PATTERN, edu->bar + EDU_REG_LIVENESS);
	live = ioread32(edu->bar + EDU_REG_LIVENESS);
	if (live != (u32)~EDU_LIVENESS_PATTERN) {
		dev_err(dev, "liveness: wrote 0x%08x, read back 0x%08x\n", EDU_LIVENESS_PATTERN, live);
		ret = -EIO;
		goto err_unmap;
	}
	dev_info(dev, "liveness: wrote 0x%08x, read back 0x%08x\n", EDU_LIVENESS_PATTERN, live);

	/* irq: one interrupt vector, INTx or MSI, and our handler on it. */
	ret = pci_alloc_irq_vectors(pdev, 1, 1, use_msi ? PCI_IRQ_MSI : PCI_IRQ_LEGACY);
	if (ret < 0)
		goto err_unmap;
	/* An MSI is a memory write by the device: it needs bus mastering. */
	pci_set_master(pdev);
	edu->irq = pci_irq_vector(pdev, 0);
	ret = request_irq(edu->irq, edu_irq, use_msi ? 0 : IRQF_SHARED, "edu", edu);
	if (ret)
		goto err_vectors;
	dev_info(dev, "irq %d (%s)\n", edu->irq, use_msi ? "MSI" : "INTx");

	/* factorial-irq: the factorial, signalled by interrupt. */
	ret = edu_factorial(edu, fact_n, &fact);
	if (ret) {
		dev_err(dev, "factorial: no interrupt\n");
		goto err_irq;
	}
	dev_info(dev, "%u! = %u, signalled by interrupt\n", fact_n, fact);

	pci_set_drvdata(pdev, edu);
	return 0;

err_irq:
	free_irq(edu->irq, edu);
err_vectors:
	pci_free_irq_vectors(pdev);
err_unmap:
	pci_iounmap(pdev, edu->bar);
err_release:
	pci_release_region(pdev, 0);
err_disable:
	pci_disable_device(pdev);
err_free:
	kfree(edu);
	return ret;
}

/* rebind, remove-releases: everything probe took, given back in reverse order. */
static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	free_irq(edu->irq, edu);
	pci_free_irq_vectors(pdev);
	pci_iounmap(pdev, edu->bar);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
	kfree(edu);
	dev_info(&pdev->dev, "removed\n");
}

/* id-table: the devices this driver handles. */
static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
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
