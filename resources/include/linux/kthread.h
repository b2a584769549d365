/* Models include/linux/kthread.h: kernel threads are kernel-sim tasks. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/completion.h>
#define NUMA_NO_NODE (-1)
__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node, const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, arg...) kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu, const char *namefmt);
#define kthread_run(threadfn, data, namefmt, ...)				\
({									\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))						\
		wake_up_process(__k);					\
	__k;								\
})
void kthread_bind(struct task_struct *k, unsigned int cpu);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void __noreturn kthread_exit(long result);
void __noreturn kthread_complete_and_exit(struct completion *, long);
void *kthread_data(struct task_struct *k);
bool kthread_freezable_should_stop(bool *was_frozen);
#endif
