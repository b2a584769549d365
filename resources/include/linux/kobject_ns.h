/* Models include/linux/kobject_ns.h (opaque to modules). */
struct kobj_ns_type_operations;
