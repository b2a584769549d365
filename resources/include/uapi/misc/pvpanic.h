/* Models include/uapi/misc/pvpanic.h: the events a guest writes to QEMU's pvpanic device. */
#ifndef __PVPANIC_H__
#define __PVPANIC_H__

#define PVPANIC_PANICKED	(1 << 0)
#define PVPANIC_CRASH_LOADED	(1 << 1)

#endif /* __PVPANIC_H__ */
