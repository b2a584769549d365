/* Models include/asm-generic/bug.h: BUG() and WARN() report through kernel-sim imports with file:line. */
#ifndef _ASM_GENERIC_BUG_H
#define _ASM_GENERIC_BUG_H
#include <linux/compiler.h>
#include <linux/types.h>
#define BUGFLAG_WARNING		(1 << 0)
#define BUGFLAG_ONCE		(1 << 1)
#define BUGFLAG_TAINT(taint)	((taint) << 8)
#define TAINT_WARN		9

/* kernel-sim prints "kernel BUG at FILE:LINE!" and an Oops; it never returns into the module. */
extern void __noreturn __kwb_bug(const char *file, int line);
/* Linux's slow path of WARN(): "WARNING: CPU: 0 PID: .. at FILE:LINE ...", backtrace, taint. fmt may be NULL. */
extern __printf(4, 5) void warn_slowpath_fmt(const char *file, const int line, unsigned taint, const char *fmt, ...);

#define BUG() __kwb_bug(__FILE__, __LINE__)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)
#define __WARN() warn_slowpath_fmt(__FILE__, __LINE__, TAINT_WARN, NULL)
#define __WARN_printf(taint, arg...) warn_slowpath_fmt(__FILE__, __LINE__, taint, arg)
#define WARN_ON(condition) ({ int __ret_warn_on = !!(condition); if (unlikely(__ret_warn_on)) __WARN(); unlikely(__ret_warn_on); })
#define WARN(condition, format...) ({ int __ret_warn_on = !!(condition); \
	if (unlikely(__ret_warn_on)) __WARN_printf(TAINT_WARN, format); unlikely(__ret_warn_on); })
#define WARN_TAINT(condition, taint, format...) ({ int __ret_warn_on = !!(condition); \
	if (unlikely(__ret_warn_on)) __WARN_printf(taint, format); unlikely(__ret_warn_on); })
#define WARN_ON_ONCE(condition) ({ static bool __warned; int __ret_warn_once = !!(condition); \
	if (unlikely(__ret_warn_once && !__warned)) { __warned = true; __WARN(); } unlikely(__ret_warn_once); })
#define WARN_ONCE(condition, format...) ({ static bool __warned; int __ret_warn_once = !!(condition); \
	if (unlikely(__ret_warn_once && !__warned)) { __warned = true; __WARN_printf(TAINT_WARN, format); } unlikely(__ret_warn_once); })
#endif
