/* Models include/linux/resource_ext.h (nothing a module uses). */
