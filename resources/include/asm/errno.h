/* Models arch/x86/include/uapi/asm/errno.h. */
#include <asm-generic/errno.h>
