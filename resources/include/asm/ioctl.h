/* Models arch/x86/include/uapi/asm/ioctl.h. */
#include <uapi/asm-generic/ioctl.h>
