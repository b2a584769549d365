/* Models include/linux/init.h: __init/__exit markers (kept in the module: wasm has no init sections to free). */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#include <linux/compiler.h>
#include <linux/types.h>
#define __init		__cold notrace
#define __initdata
#define __initconst
#define __exitdata
#define __exit_call	__used
#define __exit		__cold notrace
#define __ref
#define __refdata
#define __refconst
#define __meminit	__init
#define __meminitdata
#define __devinit
#define __devexit
#define __devexit_p(x) x
typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);
extern bool initcall_debug;
#endif
