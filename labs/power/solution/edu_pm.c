// SPDX-License-Identifier: GPL-2.0
/*
 * edu_pm: QEMU's edu device with power management. Runtime PM suspends the
 * device 100 ms after its last use (autosuspend); whoever touches the device
 * resumes it first. System sleep reuses the runtime callbacks through
 * pm_runtime_force_suspend/resume. Every callback logs its name.
 *
 * /sys/bus/pci/devices/0000:00:02.0/liveness writes the liveness register
 * and reads it back (the device returns the complement of what was written).
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/pm_runtime.h>

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define EDU_REG_LIVENESS	0x04
#define EDU_AUTOSUSPEND_MS	100

static bool fail_suspend;
module_param(fail_suspend, bool, 0644);
MODULE_PARM_DESC(fail_suspend, "make the system suspend callback fail with -EBUSY");

struct edu_pm {
	void __iomem *bar;
};

/*
 * The PCI core calls these around its own work: after runtime_suspend it saves
 * the config space and lowers the power state if the function can (edu has no
 * PM capability, so it stays in D0); before runtime_resume it restores them.
 */
static int __maybe_unused edu_pm_runtime_suspend(struct device *dev)
{
	dev_info(dev, "runtime_suspend\n");
	return 0;
}

static int __maybe_unused edu_pm_runtime_resume(struct device *dev)
{
	dev_info(dev, "runtime_resume\n");
	return 0;
}

static int __maybe_unused edu_pm_suspend(struct device *dev)
{
	if (fail_suspend) {
		dev_err(dev, "suspend: refusing (fail_suspend=1)\n");
		return -EBUSY;
	}
	dev_info(dev, "suspend\n");
	return pm_runtime_force_suspend(dev);
}

static int __maybe_unused edu_pm_resume(struct device *dev)
{
	dev_info(dev, "resume\n");
	return pm_runtime_force_resume(dev);
}

static const struct dev_pm_ops edu_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(edu_pm_suspend, edu_pm_resume)
	SET_RUNTIME_PM_OPS(edu_pm_runtime_suspend, edu_pm_runtime_resume, NULL)
};

static ssize_t liveness_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct edu_pm *edu = dev_get_drvdata(dev);
	u32 v;
	int ret;

	ret = pm_runtime_resume_and_get(dev);
	if (ret < 0)
		return ret;
	v = ioread32(edu->bar + EDU_REG_LIVENESS);
	pm_runtime_mark_last_busy(dev);
	pm_runtime_put_autosuspend(dev);
	return sysfs_emit(buf, "%08x\n", v);
}

static ssize_t liveness_store(struct device *dev, struct device_attribute *attr, const char *buf, size_t count)
{
	struct edu_pm *edu = dev_get_drvdata(dev);
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	ret = pm_runtime_resume_and_get(dev);
	if (ret < 0)
		return ret;
	iowrite32(v, edu->bar + EDU_REG_LIVENESS);
	pm_runtime_mark_last_busy(dev);
	pm_runtime_put_autosuspend(dev);
	return count;
}
static DEVICE_ATTR_RW(liveness);

static int edu_pm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu_pm *edu;
	int ret;

	edu = devm_kzalloc(&pdev->dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	edu->bar = pci_iomap(pdev, 0, 0);
	if (!edu->bar) {
		ret = -ENOMEM;
		goto err_disable;
	}
	pci_set_drvdata(pdev, edu);
	ret = device_create_file(&pdev->dev, &dev_attr_liveness);
	if (ret)
		goto err_unmap;

	/*
	 * Suspend EDU_AUTOSUSPEND_MS after the last use. local_pci_probe() holds a
	 * usage count across probe; giving it back lets the device suspend.
	 */
	pm_runtime_set_autosuspend_delay(&pdev->dev, EDU_AUTOSUSPEND_MS);
	pm_runtime_use_autosuspend(&pdev->dev);
	pm_runtime_mark_last_busy(&pdev->dev);
	pm_runtime_put_autosuspend(&pdev->dev);

	dev_info(&pdev->dev, "probed\n");
	return 0;

err_unmap:
	pci_iounmap(pdev, edu->bar);
err_disable:
	pci_disable_device(pdev);
	return ret;
}

static void edu_pm_remove(struct pci_dev *pdev)
{
	struct edu_pm *edu = pci_get_drvdata(pdev);

	/* Take back the usage count probe gave away; the PCI core drops its own after remove. */
	pm_runtime_get_noresume(&pdev->dev);
	pm_runtime_dont_use_autosuspend(&pdev->dev);
	device_remove_file(&pdev->dev, &dev_attr_liveness);
	pci_iounmap(pdev, edu->bar);
	pci_disable_device(pdev);
	dev_info(&pdev->dev, "removed\n");
}

static const struct pci_device_id edu_pm_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_pm_ids);

static struct pci_driver edu_pm_driver = {
	.name = "edu_pm",
	.id_table = edu_pm_ids,
	.probe = edu_pm_probe,
	.remove = edu_pm_remove,
	.driver.pm = &edu_pm_ops,
};
module_pci_driver(edu_pm_driver);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("edu with runtime PM (autosuspend) and system sleep callbacks");
