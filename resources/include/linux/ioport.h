/* Models include/linux/ioport.h: struct resource and the iomem/ioport region requests. */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/minmax.h>
#include <linux/types.h>

/* <kwb-layout resource>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent;
	struct resource *sibling;
	struct resource *child;
};
/* </kwb-layout resource> */

#define IORESOURCE_BITS		0x000000ff
#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_REG		0x00000300
#define IORESOURCE_IRQ		0x00000400
#define IORESOURCE_DMA		0x00000800
#define IORESOURCE_BUS		0x00001000
#define IORESOURCE_PREFETCH	0x00002000
#define IORESOURCE_READONLY	0x00004000
#define IORESOURCE_CACHEABLE	0x00008000
#define IORESOURCE_RANGELENGTH	0x00010000
#define IORESOURCE_SHADOWABLE	0x00020000
#define IORESOURCE_SIZEALIGN	0x00040000
#define IORESOURCE_STARTALIGN	0x00080000
#define IORESOURCE_MEM_64	0x00100000
#define IORESOURCE_WINDOW	0x00200000
#define IORESOURCE_MUXED	0x00400000
#define IORESOURCE_EXT_TYPE_BITS 0x01000000
#define IORESOURCE_SYSRAM	0x01000000
#define IORESOURCE_EXCLUSIVE	0x08000000
#define IORESOURCE_DISABLED	0x10000000
#define IORESOURCE_UNSET	0x20000000
#define IORESOURCE_AUTO		0x40000000
#define IORESOURCE_BUSY		0x80000000
#define DEFINE_RES_NAMED(_start, _size, _name, _flags) \
	(struct resource) { .start = (_start), .end = (_start) + (_size) - 1, .name = (_name), .flags = (_flags), .desc = 0, }
#define DEFINE_RES_MEM_NAMED(_start, _size, _name) DEFINE_RES_NAMED((_start), (_size), (_name), IORESOURCE_MEM)
#define DEFINE_RES_MEM(_start, _size) DEFINE_RES_MEM_NAMED((_start), (_size), NULL)
#define DEFINE_RES_IRQ_NAMED(_irq, _name) DEFINE_RES_NAMED((_irq), 1, (_name), IORESOURCE_IRQ)
#define DEFINE_RES_IRQ(_irq) DEFINE_RES_IRQ_NAMED((_irq), NULL)
extern struct resource ioport_resource;
extern struct resource iomem_resource;
extern struct resource *__request_region(struct resource *, resource_size_t start, resource_size_t n, const char *name, int flags);
extern void __release_region(struct resource *, resource_size_t, resource_size_t);
#define request_region(start,n,name)		__request_region(&ioport_resource, (start), (n), (name), 0)
#define request_muxed_region(start,n,name)	__request_region(&ioport_resource, (start), (n), (name), IORESOURCE_MUXED)
#define request_mem_region(start,n,name) __request_region(&iomem_resource, (start), (n), (name), 0)
#define request_mem_region_exclusive(start,n,name) __request_region(&iomem_resource, (start), (n), (name), IORESOURCE_EXCLUSIVE)
#define release_region(start,n)	__release_region(&ioport_resource, (start), (n))
#define release_mem_region(start,n)	__release_region(&iomem_resource, (start), (n))
static inline resource_size_t resource_size(const struct resource *res) { return res->end - res->start + 1; }
static inline unsigned long resource_type(const struct resource *res) { return res->flags & IORESOURCE_TYPE_BITS; }
struct device;
extern struct resource *__devm_request_region(struct device *dev, struct resource *parent, resource_size_t start, resource_size_t n, const char *name);
#define devm_request_region(dev,start,n,name) __devm_request_region(dev, &ioport_resource, (start), (n), (name))
#define devm_request_mem_region(dev,start,n,name) __devm_request_region(dev, &iomem_resource, (start), (n), (name))
#endif
