// SPDX-License-Identifier: GPL-2.0
/*
 * edu: a PCI driver for QEMU's educational "edu" device (1234:11e8).
 *
 * probe: enable, request BAR0, map it, check identification and liveness,
 * compute fact_n! by polling, register /dev/edu (a misc device whose read
 * returns the identification register as "0x010000ed\n").
 * ioctl: factorial by polling or by interrupt, and a DMA round trip.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/dma-mapping.h>
#include <linux/string.h>
#include "edu.h"

#define EDU_REG_ID		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_FACT		0x08
#define EDU_REG_STATUS		0x20
#define  EDU_STATUS_COMPUTING	0x01
#define  EDU_STATUS_IRQ_FACT	0x80
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60
#define EDU_REG_IRQ_ACK		0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98
#define  EDU_DMA_START		0x01
#define  EDU_DMA_TO_RAM		0x02
#define  EDU_DMA_IRQ		0x04
#define EDU_IRQ_FACT		0x00000001
#define EDU_IRQ_DMA		0x00000100
#define EDU_DMA_BUF		0x40000
#define EDU_DMA_SIZE		4096

static int fact_n = 5;
module_param(fact_n, int, 0444);
MODULE_PARM_DESC(fact_n, "n whose factorial the device computes at probe");

struct edu {
	struct pci_dev *pdev;
	void __iomem *bar;
	struct miscdevice misc;
	struct mutex lock;		/* one command at a time */
	struct completion done;		/* completed by the interrupt handler */
	u32 irq_status;			/* what the handler acknowledged */
	bool irq_requested;
};

static int edu_fact_poll(struct edu *edu, u32 n, u32 *result)
{
	u32 status;
	int ret;

	iowrite32(0, edu->bar + EDU_REG_STATUS);
	iowrite32(n, edu->bar + EDU_REG_FACT);
	ret = read_poll_timeout(ioread32, status, !(status & EDU_STATUS_COMPUTING),
				10, 100000, false, edu->bar + EDU_REG_STATUS);
	if (ret)
		return ret;
	*result = ioread32(edu->bar + EDU_REG_FACT);
	return 0;
}

static irqreturn_t edu_irq(int irq, void *data)
{
	struct edu *edu = data;
	u32 status = ioread32(edu->bar + EDU_REG_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	iowrite32(status, edu->bar + EDU_REG_IRQ_ACK);
	edu->irq_status |= status;
	complete(&edu->done);
	return IRQ_HANDLED;
}

static int edu_need_irq(struct edu *edu)
{
	int ret;

	if (edu->irq_requested)
		return 0;
	ret = request_irq(edu->pdev->irq, edu_irq, IRQF_SHARED, "edu", edu);
	if (ret)
		return ret;
	edu->irq_requested = true;
	return 0;
}

static int edu_wait_irq(struct edu *edu, u32 bit)
{
	while (!(edu->irq_status & bit)) {
		if (!wait_for_completion_timeout(&edu->done, msecs_to_jiffies(1000)))
			return -ETIMEDOUT;
	}
	edu->irq_status &= ~bit;
	return 0;
}

static int edu_fact_irq(struct edu *edu, u32 n, u32 *result)
{
	int ret = edu_need_irq(edu);

	if (ret)
		return ret;
	reinit_completion(&edu->done);
	iowrite32(EDU_STATUS_IRQ_FACT, edu->bar + EDU_REG_STATUS);
	iowrite32(n, edu->bar + EDU_REG_FACT);
	ret = edu_wait_irq(edu, EDU_IRQ_FACT);
	iowrite32(0, edu->bar + EDU_REG_STATUS);
	if (ret)
		return ret;
	*result = ioread32(edu->bar + EDU_REG_FACT);
	return 0;
}

static int edu_dma(struct edu *edu, dma_addr_t ram, u32 cmd)
{
	u32 src = cmd & EDU_DMA_TO_RAM ? EDU_DMA_BUF : lower_32_bits(ram);
	u32 dst = cmd & EDU_DMA_TO_RAM ? lower_32_bits(ram) : EDU_DMA_BUF;

	reinit_completion(&edu->done);
	iowrite32(src, edu->bar + EDU_REG_DMA_SRC);
	iowrite32(dst, edu->bar + EDU_REG_DMA_DST);
	iowrite32(EDU_DMA_SIZE, edu->bar + EDU_REG_DMA_COUNT);
	iowrite32(cmd | EDU_DMA_START | EDU_DMA_IRQ, edu->bar + EDU_REG_DMA_CMD);
	return edu_wait_irq(edu, EDU_IRQ_DMA);
}

static int edu_dma_test(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t dma;
	u8 *buf;
	int i, ret;

	ret = edu_need_irq(edu);
	if (ret)
		return ret;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(28));
	if (ret)
		return ret;
	pci_set_master(edu->pdev);
	buf = dma_alloc_coherent(dev, EDU_DMA_SIZE, &dma, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < EDU_DMA_SIZE; i++)
		buf[i] = i * 7 + 3;
	ret = edu_dma(edu, dma, 0);
	if (!ret) {
		memset(buf, 0, EDU_DMA_SIZE);
		ret = edu_dma(edu, dma, EDU_DMA_TO_RAM);
	}
	for (i = 0; !ret && i < EDU_DMA_SIZE; i++) {
		if (buf[i] != (u8)(i * 7 + 3)) {
			dev_err(dev, "dma: byte %d is 0x%02x\n", i, buf[i]);
			ret = -EIO;
		}
	}
	dma_free_coherent(dev, EDU_DMA_SIZE, buf, dma);
	return ret;
}

static struct edu *file_edu(struct file *file)
{
	return container_of(file->private_data, struct edu, misc);
}

static ssize_t edu_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct edu *edu = file_edu(file);
	char tmp[16];
	int len;

	len = scnprintf(tmp, sizeof(tmp), "0x%08x\n", ioread32(edu->bar + EDU_REG_ID));
	return simple_read_from_buffer(buf, count, ppos, tmp, len);
}

static long edu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct edu *edu = file_edu(file);
	void __user *uarg = (void __user *)arg;
	struct edu_fact f;
	u32 v;
	long ret;

	if (mutex_lock_interruptible(&edu->lock))
		return -ERESTARTSYS;
	switch (cmd) {
	case EDU_IOC_FACT_POLL:
	case EDU_IOC_FACT_IRQ:
		if (copy_from_user(&f, uarg, sizeof(f))) {
			ret = -EFAULT;
			break;
		}
		if (cmd == EDU_IOC_FACT_POLL)
			ret = edu_fact_poll(edu, f.n, &f.result);
		else
			ret = edu_fact_irq(edu, f.n, &f.result);
		if (!ret && copy_to_user(uarg, &f, sizeof(f)))
			ret = -EFAULT;
		break;
	case EDU_IOC_DMA_TEST:
		ret = edu_dma_test(edu);
		break;
	case EDU_IOC_LIVENESS:
		if (get_user(v, (u32 __user *)uarg)) {
			ret = -EFAULT;
			break;
		}
		iowrite32(v, edu->bar + EDU_REG_LIVENESS);
		v = ioread32(edu->bar + EDU_REG_LIVENESS);
		ret = put_user(v, (u32 __user *)uarg);
		break;
	default:
		ret = -ENOTTY;
	}
	mutex_unlock(&edu->lock);
	return ret;
}

static const struct file_operations edu_fops = {
	.owner		= THIS_MODULE,
	.read		= edu_read,
	.unlocked_ioctl	= edu_ioctl,
	.llseek		= default_llseek,
};

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu *edu;
	u32 ident, fact;
	int ret;

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	mutex_init(&edu->lock);
	init_completion(&edu->done);

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
	if ((ident & 0xffff) != 0x00ed) {
		dev_err(&pdev->dev, "unexpected identification 0x%08x\n", ident);
		ret = -ENODEV;
		goto err_unmap;
	}
	iowrite32(0x12345678, edu->bar + EDU_REG_LIVENESS);
	if (ioread32(edu->bar + EDU_REG_LIVENESS) != ~0x12345678u) {
		dev_err(&pdev->dev, "liveness check failed\n");
		ret = -EIO;
		goto err_unmap;
	}
	ret = edu_fact_poll(edu, fact_n, &fact);
	if (ret) {
		dev_err(&pdev->dev, "factorial timed out\n");
		goto err_unmap;
	}

	edu->misc.minor = MISC_DYNAMIC_MINOR;
	edu->misc.name = "edu";
	edu->misc.fops = &edu_fops;
	edu->misc.parent = &pdev->dev;
	ret = misc_register(&edu->misc);
	if (ret)
		goto err_unmap;

	pci_set_drvdata(pdev, edu);
	dev_info(&pdev->dev, "probe: id=0x%08x (v%u.%u) liveness ok, %d! = %u, /dev/edu minor %d\n",
		 ident, ident >> 24, (ident >> 16) & 0xff, fact_n, fact, edu->misc.minor);
	return 0;

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

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	misc_deregister(&edu->misc);
	if (edu->irq_requested)
		free_irq(pdev->irq, edu);
	pci_iounmap(pdev, edu->bar);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
	kfree(edu);
	dev_info(&pdev->dev, "removed\n");
}

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
MODULE_DESCRIPTION("driver for QEMU's edu PCI device (real-linux anchor)");
