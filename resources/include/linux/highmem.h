/* Models include/linux/highmem.h (Linux 6.1) on a 64-bit kernel without highmem: every page is in the direct map, so mapping one is page_address(). */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static inline void *kmap(struct page *page)
{
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
}

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}

/* kunmap_local takes the address kmap_local_page() gave. */
#define kunmap_local(__addr)	((void)(__addr))

/* kmap_atomic disables preemption until kunmap_atomic: no sleeping in between. */
static inline void *kmap_atomic(struct page *page)
{
	preempt_disable();
	return page_address(page);
}

#define kunmap_atomic(__addr)			\
do {						\
	(void)(__addr);				\
	preempt_enable();			\
} while (0)

static inline void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len)
{
	char *from = kmap_local_page(page);

	memcpy(to, from + offset, len);
	kunmap_local(from);
}

static inline void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len)
{
	char *to = kmap_local_page(page);

	memcpy(to + offset, from, len);
	kunmap_local(to);
}

static inline void memzero_page(struct page *page, size_t offset, size_t len)
{
	char *addr = kmap_local_page(page);

	memset(addr + offset, 0, len);
	kunmap_local(addr);
}

#endif /* _LINUX_HIGHMEM_H */
