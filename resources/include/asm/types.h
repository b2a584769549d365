/* Models arch/x86/include/uapi/asm/types.h for wasm32 (ILP32): fixed-width integer types. */
#ifndef _ASM_TYPES_H
#define _ASM_TYPES_H
#include <asm-generic/int-ll64.h>
#endif
