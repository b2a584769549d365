// SPDX-License-Identifier: GPL-2.0
/*
 * logbuf: a character device holding an append-only log of up to 4 KiB.
 *
 * /dev/logbuf0 (class "logbuf", a dynamic major): write appends to the log;
 * read returns the log from the file position, so every open reads it from
 * the start; a read of an empty log blocks until someone writes (unless
 * O_NONBLOCK); llseek moves within the log; poll says whether there is
 * something to read at the file position and room to write; ioctl gets the
 * size, sets a limit, or clears the log. Builds with kbuild against Linux 6.1.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include "logbuf.h"

struct logbuf {
	struct cdev cdev;
	struct mutex lock;		/* protects data, len and limit */
	wait_queue_head_t readq;	/* readers waiting for a first byte */
	size_t len;			/* bytes in the log */
	size_t limit;			/* bytes the log accepts */
	char data[LOGBUF_SIZE];
};

static dev_t logbuf_devt;
static struct class *logbuf_class;
static struct logbuf *lb;

/* read-write: open finds our structure from the inode's cdev. */
static int logbuf_open(struct inode *inode, struct file *file)
{
	file->private_data = container_of(inode->i_cdev, struct logbuf, cdev);
	return 0;
}

static ssize_t logbuf_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	struct logbuf *b = file->private_data;
	ssize_t ret;
	size_t n;

	if (mutex_lock_interruptible(&b->lock))
		return -ERESTARTSYS;
	/* blocking: an empty log: sleep until a writer wakes us (or a signal does). */
	while (b->len == 0) {
		mutex_unlock(&b->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(b->readq, READ_ONCE(b->len) != 0))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&b->lock))
			return -ERESTARTSYS;
	}
	/* read-write: copy from the file position, at most what is left. */
	if (*ppos >= b->len) {
		ret = 0;
	} else {
		n = min(count, (size_t)(b->len - *ppos));
		if (copy_to_user(ubuf, b->data + *ppos, n)) {
			ret = -EFAULT;
		} else {
			*ppos += n;
			ret = n;
		}
	}
	mutex_unlock(&b->lock);
	return ret;
}

static ssize_t logbuf_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	struct logbuf *b = file->private_data;
	ssize_t ret;
	size_t n;

	if (mutex_lock_interruptible(&b->lock))
		return -ERESTARTSYS;
	/* read-write: writes always append, and never beyond the limit. */
	if (b->len >= b->limit) {
		ret = -ENOSPC;
	} else {
		n = min(count, b->limit - b->len);
		if (copy_from_user(b->data + b->len, ubuf, n)) {
			ret = -EFAULT;
		} else {
			b->len += n;
			*ppos = b->len;
			ret = n;
		}
	}
	mutex_unlock(&b->lock);
	/* blocking: wake readers sleeping on an empty log. */
	if (ret > 0)
		wake_up_interruptible(&b->readq);
	return ret;
}

static loff_t logbuf_llseek(struct file *file, loff_t offset, int whence)
{
	struct logbuf *b = file->private_data;
	loff_t pos;

	mutex_lock(&b->lock);
	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = file->f_pos + offset;
		break;
	case SEEK_END:
		pos = b->len + offset;
		break;
	default:
		pos = -EINVAL;
	}
	if (pos >= 0 && pos > b->len)
		pos = -EINVAL;
	if (pos >= 0)
		file->f_pos = pos;
	mutex_unlock(&b->lock);
	return pos;
}

static __poll_t logbuf_poll(struct file *file, poll_table *wait)
{
	struct logbuf *b = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &b->readq, wait);
	mutex_lock(&b->lock);
	if (file->f_pos < b->len)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (b->len < b->limit)
		mask |= EPOLLOUT | EPOLLWRNORM;
	mutex_unlock(&b->lock);
	return mask;
}

/* ioctl-llseek: commands from logbuf.h. */
static long logbuf_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct logbuf *b = file->private_data;
	int __user *p = (int __user *)arg;
	long ret = 0;
	int v;

	switch (cmd) {
	case LOGBUF_IOC_GET_SIZE:
		mutex_lock(&b->lock);
		v = b->len;
		mutex_unlock(&b->lock);
		return put_user(v, p);
	case LOGBUF_IOC_SET_LIMIT:
		if (get_user(v, p))
			return -EFAULT;
		mutex_lock(&b->lock);
		if (v < 0 || v > LOGBUF_SIZE || v < b->len)
			ret = -EINVAL;
		else
			b->limit = v;
		mutex_unlock(&b->lock);
		return ret;
	case LOGBUF_IOC_CLEAR:
		mutex_lock(&b->lock);
		b->len = 0;
		b->limit = LOGBUF_SIZE;
		mutex_unlock(&b->lock);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations logbuf_fops = {
	.owner		= THIS_MODULE,
	.open		= logbuf_open,
	.read		= logbuf_read,
	.write		= logbuf_write,
	.llseek		= logbuf_llseek,
	.poll		= logbuf_poll,
	.unlocked_ioctl	= logbuf_ioctl,
};

static int __init logbuf_init(void)
{
	struct device *dev;
	int ret;

	lb = kzalloc(sizeof(*lb), GFP_KERNEL);
	if (!lb)
		return -ENOMEM;
	mutex_init(&lb->lock);
	init_waitqueue_head(&lb->readq);
	lb->limit = LOGBUF_SIZE;

	/* region: a dynamic major with one minor, and the cdev behind it. */
	ret = alloc_chrdev_region(&logbuf_devt, 0, 1, "logbuf");
	if (ret)
		goto err_free;
	cdev_init(&lb->cdev, &logbuf_fops);
	lb->cdev.owner = THIS_MODULE;
	ret = cdev_add(&lb->cdev, logbuf_devt, 1);
	if (ret)
		goto err_region;

	/* node: a class and a device in it: devtmpfs and udev make /dev/logbuf0. */
	logbuf_class = class_create(THIS_MODULE, "logbuf");
	if (IS_ERR(logbuf_class)) {
		ret = PTR_ERR(logbuf_class);
		goto err_cdev;
	}
	dev = device_create(logbuf_class, NULL, logbuf_devt, NULL, "logbuf%d", 0);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto err_class;
	}
	pr_info("registered as %d:%d\n", MAJOR(logbuf_devt), MINOR(logbuf_devt));
	return 0;

err_class:
	class_destroy(logbuf_class);
err_cdev:
	cdev_del(&lb->cdev);
err_region:
	unregister_chrdev_region(logbuf_devt, 1);
err_free:
	kfree(lb);
	return ret;
}

static void __exit logbuf_exit(void)
{
	device_destroy(logbuf_class, logbuf_devt);
	class_destroy(logbuf_class);
	cdev_del(&lb->cdev);
	unregister_chrdev_region(logbuf_devt, 1);
	kfree(lb);
	pr_info("unregistered\n");
}

module_init(logbuf_init);
module_exit(logbuf_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Kernel Workbench");
MODULE_DESCRIPTION("Character devices lab: an append-only log with blocking read, llseek, poll and ioctl");
