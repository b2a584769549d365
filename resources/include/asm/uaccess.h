/* Models arch/x86/include/asm/uaccess.h. */
#include <linux/uaccess.h>
