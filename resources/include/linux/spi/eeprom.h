/* Models include/linux/spi/eeprom.h (Linux 6.1): the platform data of an SPI EEPROM the at25 driver handles. */
#ifndef __LINUX_SPI_EEPROM_H
#define __LINUX_SPI_EEPROM_H

/*
 * Linux's header includes linux/memory.h (memory blocks and hotplug notifiers, not modelled here); these are the
 * headers memory.h and its linux/node.h include, so the header reaches what Linux's reaches.
 */
#include <linux/compiler.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/device.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/workqueue.h>

/*
 * Put one of these structures in platform_data for SPI EEPROMS handled
 * by the "at25" driver.  The values all come from the chip datasheets.
 */
struct spi_eeprom {
	u32		byte_len;
	char		name[10];
	u32		page_size;		/* for writes */
	u16		flags;
#define	EE_ADDR1	0x0001			/*  8 bit addrs */
#define	EE_ADDR2	0x0002			/* 16 bit addrs */
#define	EE_ADDR3	0x0004			/* 24 bit addrs */
#define	EE_READONLY	0x0008			/* disallow writes */

	/*
	 * Chips larger than their address bytes allow (M95040: 512 bytes, one
	 * address byte) take the extra address bit in the instruction's bit 3.
	 */
#define EE_INSTR_BIT3_IS_ADDR	0x0010

	void *context;
};

#endif /* __LINUX_SPI_EEPROM_H */
