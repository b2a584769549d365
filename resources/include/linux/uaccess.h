/* Models include/linux/uaccess.h: copies between kernel memory and a process's own memory, checked like Linux (returns bytes not copied). */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/minmax.h>
extern unsigned long __must_check _copy_from_user(void *to, const void __user *from, unsigned long n);
extern unsigned long __must_check _copy_to_user(void __user *to, const void *from, unsigned long n);
static __always_inline unsigned long __must_check copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return _copy_from_user(to, from, n);
}
static __always_inline unsigned long __must_check copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}
#define __copy_from_user copy_from_user
#define __copy_to_user copy_to_user
extern bool access_ok(const void __user *addr, unsigned long size);
extern unsigned long __must_check clear_user(void __user *mem, unsigned long len);
extern long strncpy_from_user(char *dst, const char __user *src, long count);
extern long strnlen_user(const char __user *str, long n);
#define get_user(x, ptr)							\
({									\
	__typeof_unqual__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
	if (__gu_err) memset(&__gu_val, 0, sizeof(__gu_val));		\
	(x) = (__force __typeof_unqual__(*(ptr)))__gu_val;			\
	__gu_err;							\
})
#define put_user(x, ptr)							\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})
#define __get_user(x, ptr) get_user(x, ptr)
#define __put_user(x, ptr) put_user(x, ptr)
static __always_inline int __must_check check_zeroed_user(const void __user *from, size_t size)
{
	char c;
	size_t i;
	for (i = 0; i < size; i++) {
		if (get_user(c, (const char __user *)from + i))
			return -EFAULT;
		if (c)
			return 0;
	}
	return 1;
}
#endif
