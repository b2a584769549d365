/* Models include/linux/uuid.h (nothing a module uses yet). */
