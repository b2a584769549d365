/* Models arch/x86/include/asm/barrier.h (see linux/atomic.h). */
#include <linux/atomic.h>
