/* Models arch/x86/include/generated/asm/unaligned.h (Linux 6.1): x86 takes the generic unaligned accessors. */
#include <asm-generic/unaligned.h>
