// Layouts of Linux's basic types: lists, atomics, locks, kref, kobject, sysfs attributes (include/linux/types.h etc).
import type { StructSpec } from './spec.ts';

export const CORE_LAYOUTS: StructSpec[] = [
  { tag: 'list_head', header: 'linux/types.h', members: [
    { name: 'next', type: 'struct list_head *' },
    { name: 'prev', type: 'struct list_head *' },
  ] },
  { tag: 'hlist_head', header: 'linux/types.h', members: [
    { name: 'first', type: 'struct hlist_node *' },
  ] },
  { tag: 'hlist_node', header: 'linux/types.h', members: [
    { name: 'next', type: 'struct hlist_node *' },
    { name: 'pprev', type: 'struct hlist_node **' },
  ] },
  { tag: '', typedef: 'atomic_t', header: 'linux/types.h', members: [
    { name: 'counter', type: 'int' },
  ] },
  { tag: '', typedef: 'atomic64_t', header: 'linux/types.h', members: [
    { name: 'counter', type: 's64' },
  ] },
  { tag: 'callback_head', header: 'linux/types.h', members: [
    { name: 'next', type: 'struct callback_head *' },
    { name: 'func', type: 'void (*%s)(struct callback_head *head)' },
  ] },
  { tag: 'refcount_struct', typedef: 'refcount_t', header: 'linux/refcount.h', members: [
    { name: 'refs', type: 'atomic_t' },
  ] },
  { tag: 'kref', header: 'linux/kref.h', members: [
    { name: 'refcount', type: 'refcount_t' },
  ] },
  { tag: 'qspinlock', typedef: 'arch_spinlock_t', header: 'linux/spinlock_types.h', members: [
    { name: 'val', type: 'atomic_t' },
  ] },
  { tag: 'raw_spinlock', typedef: 'raw_spinlock_t', header: 'linux/spinlock_types.h', members: [
    { name: 'raw_lock', type: 'arch_spinlock_t' },
    { name: 'magic', type: 'unsigned int' },
    { name: 'owner_cpu', type: 'unsigned int' },
    { name: 'owner', type: 'void *' },
  ] },
  { tag: 'spinlock', typedef: 'spinlock_t', header: 'linux/spinlock_types.h', members: [
    { union: [{ name: 'rlock', type: 'struct raw_spinlock' }] },
  ] },
  { tag: 'qrwlock', typedef: 'arch_rwlock_t', header: 'linux/rwlock_types.h', members: [
    { name: 'cnts', type: 'atomic_t' },
    { name: 'wait_lock', type: 'arch_spinlock_t' },
  ] },
  { tag: '', typedef: 'rwlock_t', header: 'linux/rwlock_types.h', members: [
    { name: 'raw_lock', type: 'arch_rwlock_t' },
    { name: 'magic', type: 'unsigned int' },
    { name: 'owner_cpu', type: 'unsigned int' },
    { name: 'owner', type: 'void *' },
  ] },
  { tag: 'mutex', header: 'linux/mutex.h', members: [
    { name: 'owner', type: 'atomic_long_t' },
    { name: 'wait_lock', type: 'raw_spinlock_t' },
    { name: 'wait_list', type: 'struct list_head' },
    { name: 'magic', type: 'void *' },
  ] },
  { tag: 'semaphore', header: 'linux/semaphore.h', members: [
    { name: 'lock', type: 'raw_spinlock_t' },
    { name: 'count', type: 'unsigned int' },
    { name: 'wait_list', type: 'struct list_head' },
  ] },
  { tag: 'attribute', header: 'linux/sysfs.h', members: [
    { name: 'name', type: 'const char *' },
    { name: 'mode', type: 'umode_t' },
  ] },
  { tag: 'attribute_group', header: 'linux/sysfs.h', members: [
    { name: 'name', type: 'const char *' },
    { name: 'is_visible', type: 'umode_t (*%s)(struct kobject *, struct attribute *, int)' },
    { name: 'is_bin_visible', type: 'umode_t (*%s)(struct kobject *, struct bin_attribute *, int)' },
    { name: 'attrs', type: 'struct attribute **' },
    { name: 'bin_attrs', type: 'struct bin_attribute **' },
  ] },
  { tag: 'kobject', header: 'linux/kobject.h', members: [
    { name: 'name', type: 'const char *' },
    { name: 'entry', type: 'struct list_head' },
    { name: 'parent', type: 'struct kobject *' },
    { name: 'kset', type: 'struct kset *' },
    { name: 'ktype', type: 'const struct kobj_type *' },
    { name: 'sd', type: 'struct kernfs_node *' },
    { name: 'kref', type: 'struct kref' },
    { name: 'state', type: 'unsigned int' },
  ] },
  { tag: 'kobj_type', header: 'linux/kobject.h', members: [
    { name: 'release', type: 'void (*%s)(struct kobject *kobj)' },
    { name: 'sysfs_ops', type: 'const struct sysfs_ops *' },
    { name: 'default_groups', type: 'const struct attribute_group **' },
    { name: 'child_ns_type', type: 'const struct kobj_ns_type_operations *(*%s)(struct kobject *kobj)' },
    { name: 'namespace', type: 'const void *(*%s)(struct kobject *kobj)' },
    { name: 'get_ownership', type: 'void (*%s)(struct kobject *kobj, kuid_t *uid, kgid_t *gid)' },
  ] },
  { tag: 'kobj_attribute', header: 'linux/kobject.h', members: [
    { name: 'attr', type: 'struct attribute' },
    { name: 'show', type: 'ssize_t (*%s)(struct kobject *kobj, struct kobj_attribute *attr, char *buf)' },
    { name: 'store', type: 'ssize_t (*%s)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count)' },
  ] },
  { tag: 'sysfs_ops', header: 'linux/sysfs.h', members: [
    { name: 'show', type: 'ssize_t (*%s)(struct kobject *, struct attribute *, char *)' },
    { name: 'store', type: 'ssize_t (*%s)(struct kobject *, struct attribute *, const char *, size_t)' },
  ] },
];
