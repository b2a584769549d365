/* Models arch/x86/include/asm/processor.h: cpu_relax (declared with the io accessors). */
#include <asm/io.h>
