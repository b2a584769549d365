/* Models include/linux/debugobjects.h (nothing a module uses). */
#include <linux/poison.h>
