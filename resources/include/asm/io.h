/* Models arch/x86/include/asm/io.h and lib/iomap.c: MMIO/PIO accessors reach kernel-sim's hardware models (imports). */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H
#include <linux/types.h>
#include <linux/compiler.h>
extern u8 readb(const volatile void __iomem *addr);
extern u16 readw(const volatile void __iomem *addr);
extern u32 readl(const volatile void __iomem *addr);
extern u64 readq(const volatile void __iomem *addr);
extern void writeb(u8 value, volatile void __iomem *addr);
extern void writew(u16 value, volatile void __iomem *addr);
extern void writel(u32 value, volatile void __iomem *addr);
extern void writeq(u64 value, volatile void __iomem *addr);
#define readb_relaxed(a) readb(a)
#define readw_relaxed(a) readw(a)
#define readl_relaxed(a) readl(a)
#define readq_relaxed(a) readq(a)
#define writeb_relaxed(v, a) writeb(v, a)
#define writew_relaxed(v, a) writew(v, a)
#define writel_relaxed(v, a) writel(v, a)
#define writeq_relaxed(v, a) writeq(v, a)
#define __raw_readl readl
#define __raw_writel writel
/* The direct map is the physical memory: a page's physical address is its frame number's. */
#define page_to_phys(page)	((dma_addr_t)page_to_pfn(page) << PAGE_SHIFT)
extern unsigned int ioread8(const void __iomem *);
extern unsigned int ioread16(const void __iomem *);
extern unsigned int ioread16be(const void __iomem *);
extern unsigned int ioread32(const void __iomem *);
extern unsigned int ioread32be(const void __iomem *);
extern u64 ioread64(const void __iomem *);
extern void iowrite8(u8, void __iomem *);
extern void iowrite16(u16, void __iomem *);
extern void iowrite16be(u16, void __iomem *);
extern void iowrite32(u32, void __iomem *);
extern void iowrite32be(u32, void __iomem *);
extern void iowrite64(u64, void __iomem *);
extern void ioread8_rep(const void __iomem *port, void *buf, unsigned long count);
extern void ioread16_rep(const void __iomem *port, void *buf, unsigned long count);
extern void ioread32_rep(const void __iomem *port, void *buf, unsigned long count);
extern void iowrite8_rep(void __iomem *port, const void *buf, unsigned long count);
extern void iowrite16_rep(void __iomem *port, const void *buf, unsigned long count);
extern void iowrite32_rep(void __iomem *port, const void *buf, unsigned long count);
extern u8 inb(unsigned long port);
extern u16 inw(unsigned long port);
extern u32 inl(unsigned long port);
extern void outb(u8 value, unsigned long port);
extern void outw(u16 value, unsigned long port);
extern void outl(u32 value, unsigned long port);
/* The _p ("pause") forms: the same port access; x86 no longer needs the slow-down I/O. */
#define inb_p(port)		inb(port)
#define inw_p(port)		inw(port)
#define inl_p(port)		inl(port)
#define outb_p(value, port)	outb(value, port)
#define outw_p(value, port)	outw(value, port)
#define outl_p(value, port)	outl(value, port)
/* String I/O (rep insb/outsb on x86): count accesses to one port, from or to a buffer. */
#define BUILDIO_STRING(bwl, type)								\
static inline void ins##bwl(unsigned long port, void *addr, unsigned long count)		\
{ type *p = addr; while (count--) *p++ = in##bwl(port); }				\
static inline void outs##bwl(unsigned long port, const void *addr, unsigned long count)	\
{ const type *p = addr; while (count--) out##bwl(*p++, port); }
BUILDIO_STRING(b, u8)
BUILDIO_STRING(w, u16)
BUILDIO_STRING(l, u32)
#undef BUILDIO_STRING
extern void __iomem *ioport_map(unsigned long port, unsigned int nr);
extern void ioport_unmap(void __iomem *);
extern void __iomem *ioremap(resource_size_t offset, unsigned long size);
extern void __iomem *ioremap_uc(resource_size_t offset, unsigned long size);
extern void __iomem *ioremap_wc(resource_size_t offset, unsigned long size);
extern void __iomem *ioremap_cache(resource_size_t offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);
extern void memcpy_fromio(void *, const volatile void __iomem *, size_t);
extern void memcpy_toio(volatile void __iomem *, const void *, size_t);
extern void memset_io(volatile void __iomem *, int, size_t);
extern phys_addr_t virt_to_phys(volatile void *address);
extern void *phys_to_virt(phys_addr_t address);
#define __pa(x) virt_to_phys((void *)(x))
#define __va(x) phys_to_virt((phys_addr_t)(x))
#endif
#ifndef cpu_relax
/* Models arch/x86/include/asm/vdso/processor.h: a pause; kernel-sim charges it against the soft-lockup budget. */
extern void cpu_relax(void);
#endif
