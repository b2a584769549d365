// Layouts of module objects: struct module, kernel_param and its ops, pm_message (include/linux/module.h, moduleparam.h).
import type { StructSpec } from './spec.ts';

export const MODULE_LAYOUTS: StructSpec[] = [
  { tag: 'pm_message', typedef: 'pm_message_t', header: 'linux/pm.h', members: [
    { name: 'event', type: 'int' },
  ] },
  { tag: 'module', header: 'linux/module.h', members: [
    { name: 'state', type: 'enum module_state' },
    { name: 'list', type: 'struct list_head' },
    { name: 'name', type: 'char', count: 'MODULE_NAME_LEN' },
    { name: 'version', type: 'const char *' },
    { name: 'srcversion', type: 'const char *' },
    { name: 'holders_dir', type: 'struct kobject *' },
    { name: 'init', type: 'int (*%s)(void)' },
    { name: 'exit', type: 'void (*%s)(void)' },
    { name: 'taints', type: 'unsigned long' },
    { name: 'refcnt', type: 'atomic_t' },
  ] },
  { tag: 'kernel_param_ops', header: 'linux/moduleparam.h', members: [
    { name: 'flags', type: 'unsigned int' },
    { name: 'set', type: 'int (*%s)(const char *val, const struct kernel_param *kp)' },
    { name: 'get', type: 'int (*%s)(char *buffer, const struct kernel_param *kp)' },
    { name: 'free', type: 'void (*%s)(void *arg)' },
  ] },
  { tag: 'kernel_param', header: 'linux/moduleparam.h', members: [
    { name: 'name', type: 'const char *' },
    { name: 'mod', type: 'struct module *' },
    { name: 'ops', type: 'const struct kernel_param_ops *' },
    { name: 'perm', type: 'const u16' },
    { name: 'level', type: 's8' },
    { name: 'flags', type: 'u8' },
    { union: [
      { name: 'arg', type: 'void *' },
      { name: 'str', type: 'const struct kparam_string *' },
      { name: 'arr', type: 'const struct kparam_array *' },
    ] },
  ] },
  { tag: 'kparam_string', header: 'linux/moduleparam.h', members: [
    { name: 'maxlen', type: 'unsigned int' },
    { name: 'string', type: 'char *' },
  ] },
  { tag: 'kparam_array', header: 'linux/moduleparam.h', members: [
    { name: 'max', type: 'unsigned int' },
    { name: 'elemsize', type: 'unsigned int' },
    { name: 'num', type: 'unsigned int *' },
    { name: 'ops', type: 'const struct kernel_param_ops *' },
    { name: 'elem', type: 'void *' },
  ] },
];
