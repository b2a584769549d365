/* Models include/linux/minmax.h: type-checked min/max/clamp. */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H
#define __kwb_cmp(x, y, op) ({ typeof(x) __x = (x); typeof(y) __y = (y); (void)(&__x == &__y); __x op __y ? __x : __y; })
#define min(x, y)	__kwb_cmp(x, y, <)
#define max(x, y)	__kwb_cmp(x, y, >)
#define min3(x, y, z)	min((typeof(x))min(x, y), z)
#define max3(x, y, z)	max((typeof(x))max(x, y), z)
#define min_not_zero(x, y) ({ typeof(x) __x = (x); typeof(y) __y = (y); __x == 0 ? __y : ((__y == 0) ? __x : min(__x, __y)); })
#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define min_t(type, x, y) ({ type __a = (x); type __b = (y); __a < __b ? __a : __b; })
#define max_t(type, x, y) ({ type __a = (x); type __b = (y); __a > __b ? __a : __b; })
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(typeof(val), val, lo, hi)
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#endif
