/* Models include/linux/module.h. module_init/module_exit define the exports init_module/cleanup_module; MODULE_* put strings in .modinfo; THIS_MODULE is the loader-provided __this_module. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H
#include <linux/list.h>
#include <linux/stat.h>
#include <linux/buildid.h>
#include <linux/compiler.h>
#include <linux/cache.h>
#include <linux/kmod.h>
#include <linux/init.h>
#include <linux/elf.h>
#include <linux/stringify.h>
#include <linux/kobject.h>
#include <linux/moduleparam.h>
#include <linux/jump_label.h>
#include <linux/export.h>
#include <linux/rbtree_latch.h>
#include <linux/error-injection.h>
#include <linux/tracepoint-defs.h>
#include <linux/srcu.h>
#include <linux/static_call_types.h>
#include <linux/percpu.h>
#include <asm/module.h>

#define MODULE_NAME_LEN (64 - sizeof(unsigned long))

struct modversion_info {
	unsigned long crc;
	char name[MODULE_NAME_LEN];
};

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

/* <kwb-layout module>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
	const char *version;
	const char *srcversion;
	struct kobject *holders_dir;
	int (*init)(void);
	void (*exit)(void);
	unsigned long taints;
	atomic_t refcnt;
};
/* </kwb-layout module> */

extern struct module __this_module;

/* These are either module local, or the kernel's dummy ones. Old-style modules define them directly; wasm32 objects
 * default to hidden visibility, so the declarations make them exports the loader finds, as ELF's symbol table does. */
extern int init_module(void) __attribute__((__visibility__("default")));
extern void cleanup_module(void) __attribute__((__visibility__("default")));

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FILE
#define MODULE_LICENSE(_license) MODULE_FILE MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns)	MODULE_INFO(import_ns, __stringify(ns))


/* modpost turns __mod_<type>__<name>_device_table into "alias=" lines; the toolchain does the same. */
#define MODULE_DEVICE_TABLE(type, name)					\
extern typeof(name) __mod_##type##__##name##_device_table		\
  __attribute__ ((__unused__, __alias__(__stringify(name))))

/* A loadable module has no initcall levels: each of them is its module_init, as 6.1's module.h has it for MODULE. */
#define early_initcall(fn)		module_init(fn)
#define core_initcall(fn)		module_init(fn)
#define core_initcall_sync(fn)		module_init(fn)
#define postcore_initcall(fn)		module_init(fn)
#define postcore_initcall_sync(fn)	module_init(fn)
#define arch_initcall(fn)		module_init(fn)
#define subsys_initcall(fn)		module_init(fn)
#define subsys_initcall_sync(fn)	module_init(fn)
#define fs_initcall(fn)			module_init(fn)
#define fs_initcall_sync(fn)		module_init(fn)
#define rootfs_initcall(fn)		module_init(fn)
#define device_initcall(fn)		module_init(fn)
#define device_initcall_sync(fn)	module_init(fn)
#define late_initcall(fn)		module_init(fn)
#define late_initcall_sync(fn)		module_init(fn)

#define console_initcall(fn)		module_init(fn)

#define module_init(initfn)					\
	static inline initcall_t __maybe_unused __inittest(void)	\
	{ return initfn; }					\
	int init_module(void) __copy(initfn)			\
		__attribute__((__alias__(#initfn), __visibility__("default")));

#define module_exit(exitfn)					\
	static inline exitcall_t __maybe_unused __exittest(void)	\
	{ return exitfn; }					\
	void cleanup_module(void) __copy(exitfn)		\
		__attribute__((__alias__(#exitfn), __visibility__("default")));

#define __MODULE_STRING(x) __stringify(x)

extern bool try_module_get(struct module *module);
extern void module_put(struct module *module);
extern void __module_get(struct module *module);
extern int module_refcount(struct module *mod);
extern bool __module_address_is_kernel(unsigned long addr);
extern void *__symbol_get(const char *symbol);
extern void __symbol_put(const char *symbol);
#define symbol_get(x) ((typeof(&x))(__symbol_get(__stringify(x))))
#define symbol_put(x) __symbol_put(__stringify(x))
static inline const char *module_name(struct module *mod) { return mod ? mod->name : "kernel"; }
static inline bool module_is_live(struct module *mod) { return mod->state != MODULE_STATE_GOING; }
#define module_put_and_kthread_exit(code) do { module_put(THIS_MODULE); kthread_exit(code); } while (0)
#endif
