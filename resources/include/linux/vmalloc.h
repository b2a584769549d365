/* Models include/linux/vmalloc.h: virtually contiguous allocations (the same kernel memory in the simulation). */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
struct vm_area_struct;
extern void *vmalloc(unsigned long size) __attribute__((__alloc_size__(1)));
extern void *vzalloc(unsigned long size) __attribute__((__alloc_size__(1)));
extern void *vmalloc_user(unsigned long size) __attribute__((__alloc_size__(1)));
extern void *vmalloc_node(unsigned long size, int node) __attribute__((__alloc_size__(1)));
extern void *vzalloc_node(unsigned long size, int node) __attribute__((__alloc_size__(1)));
extern void *vmalloc_32(unsigned long size) __attribute__((__alloc_size__(1)));
extern void *__vmalloc(unsigned long size, gfp_t gfp_mask) __attribute__((__alloc_size__(1)));
extern void *vmalloc_array(size_t n, size_t size) __attribute__((__alloc_size__(1, 2)));
extern void *vcalloc(size_t n, size_t size) __attribute__((__alloc_size__(1, 2)));
extern void vfree(const void *addr);
extern bool is_vmalloc_addr(const void *x);
extern int remap_vmalloc_range(struct vm_area_struct *vma, void *addr, unsigned long pgoff);
#endif
