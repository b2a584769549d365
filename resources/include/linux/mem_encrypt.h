/* Models include/linux/mem_encrypt.h (no memory encryption). */
