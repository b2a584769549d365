/* Models include/linux/io.h: MMIO accessors and devm_ioremap. */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H
#include <linux/types.h>
#include <linux/init.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <asm/io.h>
#include <asm/page.h>
struct device;
struct resource;
void __iomem *devm_ioport_map(struct device *dev, unsigned long port, unsigned int nr);
void devm_ioport_unmap(struct device *dev, void __iomem *addr);
void __iomem *devm_ioremap(struct device *dev, resource_size_t offset, resource_size_t size);
void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset, resource_size_t size);
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset, resource_size_t size);
void devm_iounmap(struct device *dev, void __iomem *addr);
int check_signature(const volatile void __iomem *io_addr, const unsigned char *signature, int length);
void devm_ioremap_release(struct device *dev, void *res);
#endif
