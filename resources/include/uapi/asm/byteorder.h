/* Models arch/x86/include/uapi/asm/byteorder.h: the CPU is little-endian. */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H
#include <linux/byteorder/little_endian.h>
#endif
