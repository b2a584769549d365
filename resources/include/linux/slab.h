/* Models include/linux/slab.h: kmalloc and kmem_cache over kernel-sim's slab allocator (redzones, poisoning, leak reports). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/percpu-refcount.h>
#include <linux/cleanup.h>

#define SLAB_CONSISTENCY_CHECKS	((slab_flags_t __force)0x00000100U)
#define SLAB_RED_ZONE		((slab_flags_t __force)0x00000400U)
#define SLAB_POISON		((slab_flags_t __force)0x00000800U)
#define SLAB_KMALLOC		((slab_flags_t __force)0x00001000U)
#define SLAB_HWCACHE_ALIGN	((slab_flags_t __force)0x00002000U)
#define SLAB_CACHE_DMA		((slab_flags_t __force)0x00004000U)
#define SLAB_CACHE_DMA32	((slab_flags_t __force)0x00008000U)
#define SLAB_STORE_USER		((slab_flags_t __force)0x00010000U)
#define SLAB_PANIC		((slab_flags_t __force)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((slab_flags_t __force)0x00080000U)
#define SLAB_MEM_SPREAD		((slab_flags_t __force)0x00100000U)
#define SLAB_TRACE		((slab_flags_t __force)0x00200000U)
#define SLAB_DEBUG_OBJECTS	((slab_flags_t __force)0x00400000U)
#define SLAB_NOLEAKTRACE	((slab_flags_t __force)0x00800000U)
#define SLAB_ACCOUNT		((slab_flags_t __force)0x04000000U)
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t __force)0x00020000U)
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define ARCH_KMALLOC_MINALIGN 8
#define KMALLOC_MAX_SIZE (1UL << 22)

struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align, slab_flags_t flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size, unsigned int align, slab_flags_t flags,
			unsigned int useroffset, unsigned int usersize, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
#define KMEM_CACHE(__struct, __flags) kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), (__flags), NULL)
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags) { return kmem_cache_alloc(k, flags | __GFP_ZERO); }

void * __must_check krealloc(const void *objp, size_t new_size, gfp_t flags) __attribute__((__alloc_size__(2)));
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t __ksize(const void *objp);
size_t ksize(const void *objp);
void *kmalloc(size_t size, gfp_t flags) __attribute__((__alloc_size__(1))) __malloc;
void *kmalloc_node(size_t size, gfp_t flags, int node) __attribute__((__alloc_size__(1))) __malloc;
static inline __attribute__((__alloc_size__(1, 2))) void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;
	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}
static inline __attribute__((__alloc_size__(2, 3))) void * __must_check krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;
	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}
static inline __attribute__((__alloc_size__(1, 2))) void *kcalloc(size_t n, size_t size, gfp_t flags) { return kmalloc_array(n, size, flags | __GFP_ZERO); }
static inline __attribute__((__alloc_size__(1))) void *kzalloc(size_t size, gfp_t flags) { return kmalloc(size, flags | __GFP_ZERO); }
static inline __attribute__((__alloc_size__(1))) void *kzalloc_node(size_t size, gfp_t flags, int node) { return kmalloc_node(size, flags | __GFP_ZERO, node); }
extern void *kvmalloc_node(size_t size, gfp_t flags, int node) __attribute__((__alloc_size__(1))) __malloc;
static inline __attribute__((__alloc_size__(1))) void *kvmalloc(size_t size, gfp_t flags) { return kvmalloc_node(size, flags, -1); }
static inline __attribute__((__alloc_size__(1))) void *kvzalloc(size_t size, gfp_t flags) { return kvmalloc(size, flags | __GFP_ZERO); }
static inline __attribute__((__alloc_size__(1, 2))) void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;
	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc(bytes, flags);
}
static inline __attribute__((__alloc_size__(1, 2))) void *kvcalloc(size_t n, size_t size, gfp_t flags) { return kvmalloc_array(n, size, flags | __GFP_ZERO); }
extern void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags) __attribute__((__alloc_size__(3)));
extern void kvfree(const void *addr);
extern void kvfree_sensitive(const void *addr, size_t len);

DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))
#endif
