/* Models include/linux/poll.h: poll_table and poll_wait (an import: kernel-sim registers the caller on the queue). */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H
#include <linux/compiler.h>
#include <linux/ktime.h>
#include <linux/wait.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <uapi/asm-generic/poll.h>

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *, struct poll_table_struct *);

/* <kwb-layout poll_table_struct>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;
} poll_table;
/* </kwb-layout poll_table_struct> */

extern void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p);
static inline bool poll_does_not_wait(const poll_table *p) { return p == NULL || p->_qproc == NULL; }
static inline __poll_t poll_requested_events(const poll_table *p) { return p ? p->_key : ~(__poll_t)0; }
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)
#endif
