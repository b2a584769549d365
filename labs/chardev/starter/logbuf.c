// SPDX-License-Identifier: GPL-2.0
/*
 * logbuf: a character device holding an append-only log of up to 4 KiB.
 *
 * /dev/logbuf0 (class "logbuf", a dynamic major): write appends to the log;
 * read returns the log from the file position, so every open reads it from
 * the start; a read of an empty log blocks until someone writes (unless
 * O_NONBLOCK); llseek moves within the log; poll says whether there is
 * something to read at the file position and room to write; ioctl gets the
 * size, sets a limit, or clears the log.
 *
 * You write it in the "Character devices" lab: each TODO names its step. The
 * file builds and loads at every step; it just does less.
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

static dev_t __maybe_unused logbuf_devt;
static struct class * __maybe_unused logbuf_class;
static struct logbuf *lb;

static int logbuf_open(struct inode *inode, struct file *file)
{
	/* TODO(read-write): file->private_data = container_of(inode->i_cdev, struct logbuf, cdev); */
	return 0;
}

static ssize_t logbuf_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	/*
	 * TODO(read-write): under b->lock, copy min(count, len - *ppos) bytes from
	 * b->data + *ppos with copy_to_user(), advance *ppos, return the count;
	 * 0 when *ppos is at the end.
	 * TODO(blocking): while the log is empty, drop the lock and
	 * wait_event_interruptible(b->readq, READ_ONCE(b->len) != 0)
	 * (-EAGAIN instead with O_NONBLOCK), then take the lock again.
	 */
	return 0;
}

static ssize_t logbuf_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	/*
	 * TODO(read-write): under b->lock, append at most limit - len bytes at
	 * b->data + b->len with copy_from_user() (-ENOSPC when full), set *ppos
	 * to the new length, return the count.
	 * TODO(blocking): wake_up_interruptible(&b->readq) after a successful write.
	 */
	return -EINVAL;
}

static loff_t logbuf_llseek(struct file *file, loff_t offset, int whence)
{
	/*
	 * TODO(ioctl-llseek): the new position from SEEK_SET, SEEK_CUR (file->f_pos) or
	 * SEEK_END (b->len); -EINVAL if it is negative or past the end; else
	 * store it in file->f_pos and return it.
	 */
	return -EINVAL;
}

static __poll_t logbuf_poll(struct file *file, poll_table *wait)
{
	/*
	 * TODO(blocking): poll_wait(file, &b->readq, wait); EPOLLIN | EPOLLRDNORM
	 * if file->f_pos < b->len, EPOLLOUT | EPOLLWRNORM if b->len < b->limit.
	 */
	return 0;
}

static long logbuf_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	/*
	 * TODO(ioctl-llseek): LOGBUF_IOC_GET_SIZE: put_user() the length;
	 * LOGBUF_IOC_SET_LIMIT: get_user() an int, -EINVAL unless
	 * len <= v <= LOGBUF_SIZE; LOGBUF_IOC_CLEAR: empty the log and reset the
	 * limit. Anything else: -ENOTTY.
	 */
	return -ENOTTY;
}

static const struct file_operations __maybe_unused logbuf_fops = {
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
	lb = kzalloc(sizeof(*lb), GFP_KERNEL);
	if (!lb)
		return -ENOMEM;
	mutex_init(&lb->lock);
	init_waitqueue_head(&lb->readq);
	lb->limit = LOGBUF_SIZE;

	/*
	 * TODO(region): alloc_chrdev_region(&logbuf_devt, 0, 1, "logbuf"), then
	 * cdev_init(&lb->cdev, &logbuf_fops), lb->cdev.owner = THIS_MODULE,
	 * cdev_add(&lb->cdev, logbuf_devt, 1). Print
	 *   pr_info("registered as %d:%d\n", MAJOR(logbuf_devt), MINOR(logbuf_devt));
	 * TODO(node): logbuf_class = class_create(THIS_MODULE, "logbuf") and
	 * device_create(logbuf_class, NULL, logbuf_devt, NULL, "logbuf%d", 0);
	 * both return ERR_PTR()s on failure. Undo everything on any failure.
	 */
	return 0;
}

static void __exit logbuf_exit(void)
{
	/*
	 * TODO(unload): undo logbuf_init() in reverse: device_destroy,
	 * class_destroy, cdev_del, unregister_chrdev_region, kfree(lb), then
	 *   pr_info("unregistered\n");
	 */
}

module_init(logbuf_init);
module_exit(logbuf_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Kernel Workbench");
MODULE_DESCRIPTION("Character devices lab: an append-only log with blocking read, llseek, poll and ioctl");
