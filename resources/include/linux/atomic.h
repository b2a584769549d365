/* Models include/linux/atomic.h: atomic_t/atomic64_t/atomic_long_t operations (one simulated CPU: plain C under READ_ONCE). */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H
#include <linux/types.h>
#include <linux/compiler.h>
#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) ATOMIC_INIT(i)

#define __KWB_ATOMIC_OPS(pfx, atype, ctype)							\
static inline ctype pfx##_read(const atype *v) { return READ_ONCE(v->counter); }		\
static inline void pfx##_set(atype *v, ctype i) { WRITE_ONCE(v->counter, i); }			\
static inline void pfx##_add(ctype i, atype *v) { v->counter += i; }				\
static inline void pfx##_sub(ctype i, atype *v) { v->counter -= i; }				\
static inline void pfx##_inc(atype *v) { v->counter++; }					\
static inline void pfx##_dec(atype *v) { v->counter--; }					\
static inline void pfx##_and(ctype i, atype *v) { v->counter &= i; }				\
static inline void pfx##_or(ctype i, atype *v) { v->counter |= i; }				\
static inline void pfx##_xor(ctype i, atype *v) { v->counter ^= i; }				\
static inline ctype pfx##_add_return(ctype i, atype *v) { return v->counter += i; }		\
static inline ctype pfx##_sub_return(ctype i, atype *v) { return v->counter -= i; }		\
static inline ctype pfx##_inc_return(atype *v) { return ++v->counter; }				\
static inline ctype pfx##_dec_return(atype *v) { return --v->counter; }				\
static inline ctype pfx##_fetch_add(ctype i, atype *v) { ctype o = v->counter; v->counter += i; return o; } \
static inline ctype pfx##_fetch_sub(ctype i, atype *v) { ctype o = v->counter; v->counter -= i; return o; } \
static inline ctype pfx##_fetch_inc(atype *v) { return v->counter++; }				\
static inline ctype pfx##_fetch_dec(atype *v) { return v->counter--; }				\
static inline ctype pfx##_fetch_or(ctype i, atype *v) { ctype o = v->counter; v->counter |= i; return o; } \
static inline ctype pfx##_fetch_and(ctype i, atype *v) { ctype o = v->counter; v->counter &= i; return o; } \
static inline bool pfx##_sub_and_test(ctype i, atype *v) { return (v->counter -= i) == 0; }	\
static inline bool pfx##_dec_and_test(atype *v) { return --v->counter == 0; }			\
static inline bool pfx##_inc_and_test(atype *v) { return ++v->counter == 0; }			\
static inline bool pfx##_add_negative(ctype i, atype *v) { return (v->counter += i) < 0; }	\
static inline ctype pfx##_xchg(atype *v, ctype n) { ctype o = v->counter; v->counter = n; return o; } \
static inline ctype pfx##_cmpxchg(atype *v, ctype o, ctype n) { ctype r = v->counter; if (r == o) v->counter = n; return r; } \
static inline bool pfx##_try_cmpxchg(atype *v, ctype *o, ctype n) { ctype r = pfx##_cmpxchg(v, *o, n); if (r != *o) { *o = r; return false; } return true; } \
static inline ctype pfx##_fetch_add_unless(atype *v, ctype a, ctype u) { ctype c = v->counter; if (c != u) v->counter += a; return c; } \
static inline bool pfx##_add_unless(atype *v, ctype a, ctype u) { return pfx##_fetch_add_unless(v, a, u) != u; } \
static inline bool pfx##_inc_not_zero(atype *v) { return pfx##_add_unless(v, 1, 0); } \
static inline ctype pfx##_dec_if_positive(atype *v) { ctype d = v->counter - 1; if (d >= 0) v->counter = d; return d; }

__KWB_ATOMIC_OPS(atomic, atomic_t, int)
__KWB_ATOMIC_OPS(atomic64, atomic64_t, s64)
__KWB_ATOMIC_OPS(atomic_long, atomic_long_t, long)
#define atomic_read_acquire atomic_read
#define atomic_set_release atomic_set

#define xchg(ptr, x) ({ typeof(*(ptr)) __o = *(ptr); *(ptr) = (x); __o; })
#define cmpxchg(ptr, o, n) ({ typeof(*(ptr)) __r = *(ptr); if (__r == (o)) *(ptr) = (n); __r; })
#define smp_mb()	barrier()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
#define mb()		barrier()
#define rmb()		barrier()
#define wmb()		barrier()
#define smp_mb__before_atomic()	barrier()
#define smp_mb__after_atomic()	barrier()
#define smp_store_release(p, v)	WRITE_ONCE(*(p), v)
#define smp_load_acquire(p)	READ_ONCE(*(p))
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); barrier(); } while (0)
#endif
