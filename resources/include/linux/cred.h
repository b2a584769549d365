/* Models include/linux/cred.h (credentials are opaque to modules). */
struct cred;
