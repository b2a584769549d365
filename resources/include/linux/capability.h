/* Models include/linux/capability.h: capable() (import) and the capability numbers modules test. */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H
#include <linux/types.h>
#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_KILL		5
#define CAP_NET_ADMIN		12
#define CAP_NET_RAW		13
#define CAP_IPC_LOCK		14
#define CAP_SYS_MODULE		16
#define CAP_SYS_RAWIO		17
#define CAP_SYS_ADMIN		21
#define CAP_SYS_BOOT		22
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_SYS_TIME		25
#define CAP_MKNOD		27
extern bool capable(int cap);
#endif
