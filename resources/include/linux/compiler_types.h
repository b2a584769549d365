/* Models include/linux/compiler_types.h and compiler_attributes.h: attributes and address-space annotations. */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H
#ifndef __ASSEMBLY__
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __nocast
#define __safe
#define __private
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __cond_lock(x, c) (c)
#define __bitwise
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start	struct {
#define randomized_struct_fields_end	};

#define __always_inline		inline __attribute__((__always_inline__))
#define inline			inline __attribute__((__unused__))
#define __inline__		inline
#define __inline		inline
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __aligned_largest	__attribute__((__aligned__))
#define __packed		__attribute__((__packed__))
#define __section(section)	__attribute__((__section__(section)))
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __weak			__attribute__((__weak__))
#define __alias(symbol)		__attribute__((__alias__(#symbol)))
#define __cold			__attribute__((__cold__))
#define __pure			__attribute__((__pure__))
#define __attribute_const__	__attribute__((__const__))
#define __malloc		__attribute__((__malloc__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)		__attribute__((__format__(scanf, a, b)))
#define __copy(symbol)
#define __mode(x)		__attribute__((__mode__(x)))
#define __nonstring
#define __visible		__attribute__((__externally_visible__))
#define __noclone
#define notrace
#define __deprecated
#define __compiletime_error(msg)
#define __compiletime_warning(msg)
#define __compiletime_assert(condition, msg, prefix, suffix) _Static_assert(condition, msg)
#define compiletime_assert(condition, msg) _Static_assert(condition, msg)
#define __latent_entropy
#define __counted_by(m)
#define __diag_push()
#define __diag_pop()
#define fallthrough		__attribute__((__fallthrough__))
#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))
#define __native_word(t) (sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))
#define __unqual_scalar_typeof(x) typeof(x)
#endif
#endif
