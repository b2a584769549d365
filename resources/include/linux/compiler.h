/* Models include/linux/compiler.h: likely/unlikely, barriers, READ_ONCE/WRITE_ONCE. */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H
#include <linux/compiler_types.h>
#include <linux/stringify.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely_notrace(x)	likely(x)
#define unlikely_notrace(x)	unlikely(x)
#define barrier()	__asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr)	barrier()
#define RELOC_HIDE(ptr, off) ((typeof(ptr))((unsigned long)(ptr) + (off)))
#define OPTIMIZER_HIDE_VAR(var)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define data_race(expr) (expr)
#define __READ_ONCE(x)	(*(const volatile typeof(x) *)&(x))
#define READ_ONCE(x)	__READ_ONCE(x)
#define __WRITE_ONCE(x, val) do { *(volatile typeof(x) *)&(x) = (val); } while (0)
#define WRITE_ONCE(x, val) __WRITE_ONCE(x, val)
#define __must_be_array(a)	0
#define is_signed_type(type)	(((type)(-1)) < (type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))
#define __is_constexpr(x) (sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))
#endif
