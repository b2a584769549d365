/* Models include/linux/nvram.h (Linux 6.1, x86): struct nvram_ops and the portable nvram_* wrappers over arch_nvram_ops, which drivers/char/nvram.c defines and exports on x86. */
#ifndef _LINUX_NVRAM_H
#define _LINUX_NVRAM_H

#include <linux/errno.h>
#include <uapi/linux/nvram.h>
/* ssize_t and loff_t: Linux's header relies on its includer for them (it does not compile alone); this one does. */
#include <linux/types.h>

/**
 * struct nvram_ops - NVRAM functionality made available to drivers
 * @read: validate checksum (if any) then load a range of bytes from NVRAM
 * @write: store a range of bytes to NVRAM then update checksum (if any)
 * @read_byte: load a single byte from NVRAM
 * @write_byte: store a single byte to NVRAM
 * @get_size: return the fixed number of bytes in the NVRAM
 */
struct nvram_ops {
	ssize_t         (*get_size)(void);
	unsigned char   (*read_byte)(int);
	void            (*write_byte)(unsigned char, int);
	ssize_t         (*read)(char *, size_t, loff_t *);
	ssize_t         (*write)(char *, size_t, loff_t *);
#if defined(CONFIG_X86) || defined(CONFIG_M68K)
	long            (*initialize)(void);
	long            (*set_checksum)(void);
#endif
};

extern const struct nvram_ops arch_nvram_ops;

static inline ssize_t nvram_get_size(void)
{
	if (arch_nvram_ops.get_size)
		return arch_nvram_ops.get_size();
	return -ENODEV;
}

static inline unsigned char nvram_read_byte(int addr)
{
	if (arch_nvram_ops.read_byte)
		return arch_nvram_ops.read_byte(addr);
	return 0xFF;
}

static inline void nvram_write_byte(unsigned char val, int addr)
{
	if (arch_nvram_ops.write_byte)
		arch_nvram_ops.write_byte(val, addr);
}

static inline ssize_t nvram_read_bytes(char *buf, size_t count, loff_t *ppos)
{
	ssize_t nvram_size = nvram_get_size();
	loff_t i;
	char *p = buf;

	if (nvram_size < 0)
		return nvram_size;
	for (i = *ppos; count > 0 && i < nvram_size; ++i, ++p, --count)
		*p = nvram_read_byte(i);
	*ppos = i;
	return p - buf;
}

static inline ssize_t nvram_write_bytes(char *buf, size_t count, loff_t *ppos)
{
	ssize_t nvram_size = nvram_get_size();
	loff_t i;
	char *p = buf;

	if (nvram_size < 0)
		return nvram_size;
	for (i = *ppos; count > 0 && i < nvram_size; ++i, ++p, --count)
		nvram_write_byte(*p, i);
	*ppos = i;
	return p - buf;
}

static inline ssize_t nvram_read(char *buf, size_t count, loff_t *ppos)
{
	if (arch_nvram_ops.read)
		return arch_nvram_ops.read(buf, count, ppos);
	return nvram_read_bytes(buf, count, ppos);
}

static inline ssize_t nvram_write(char *buf, size_t count, loff_t *ppos)
{
	if (arch_nvram_ops.write)
		return arch_nvram_ops.write(buf, count, ppos);
	return nvram_write_bytes(buf, count, ppos);
}

#endif  /* _LINUX_NVRAM_H */
