/* Models include/linux/typecheck.h. */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED
#define typecheck(type,x) ({ type __dummy; typeof(x) __dummy2; (void)(&__dummy == &__dummy2); 1; })
#define typecheck_fn(type,function) ({ typeof(type) __tmp = function; (void)__tmp; })
#endif
