/* Models arch/x86/include/asm/atomic.h. */
#include <linux/atomic.h>
