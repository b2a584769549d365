/* Models include/linux/kexec.h (Linux 6.1, CONFIG_KEXEC_CORE): what modules ask of kexec. The workbench loads no
 * crash kernel, so kexec_crash_loaded() is false, as on a Linux booted without crashkernel=. */
#ifndef LINUX_KEXEC_H
#define LINUX_KEXEC_H

#include <asm/io.h>

extern int kexec_crash_loaded(void);

#endif /* LINUX_KEXEC_H */
