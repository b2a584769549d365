/* Models include/linux/static_call_types.h (nothing a module needs). */
