/* Models include/linux/export.h. EXPORT_SYMBOL(sym) exports the wasm data symbol __ksymtab_<sym> (or __ksymtab_gpl_<sym>) holding &sym; kernel-sim links other modules' imports of sym to it. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#include <linux/compiler.h>
#include <linux/stringify.h>
#define THIS_MODULE (&__this_module)
#define __KWB_EXPORT_SYMBOL(sym, kind)						\
	extern typeof(sym) sym;							\
	__attribute__((__used__, __visibility__("default")))			\
	const void *const __ksymtab_##kind##sym = (const void *)&sym
#define EXPORT_SYMBOL(sym)		__KWB_EXPORT_SYMBOL(sym, )
#define EXPORT_SYMBOL_GPL(sym)		__KWB_EXPORT_SYMBOL(sym, gpl_)
#define EXPORT_SYMBOL_NS(sym, ns)	__KWB_EXPORT_SYMBOL(sym, )
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__KWB_EXPORT_SYMBOL(sym, gpl_)
#define EXPORT_SYMBOL_GPL_FUTURE(sym)	__KWB_EXPORT_SYMBOL(sym, gpl_)
#endif
