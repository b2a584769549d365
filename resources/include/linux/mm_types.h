/* Models include/linux/mm_types.h: struct vm_area_struct (the fields a driver's mmap uses). */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree_types.h>
#include <asm/pgtable_types.h>
#include <asm/page.h>
struct mm_struct;
struct anon_vma;
struct vm_operations_struct;
struct file;
/*
 * struct page: one per page frame in the memmap (vmemmap), which page_address()/virt_to_page() walk both ways.
 * Its fields are the kernel's; a driver holds pointers and steps through them (bvec_iter_page's page + n).
 */
/* <kwb-layout page>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct page {
	unsigned long flags;
};
/* </kwb-layout page> */
typedef unsigned int __bitwise vm_fault_t;

/* <kwb-layout vm_area_struct>: generated from kernel-sim/toolchain/layouts, edit there and run scripts/gen-headers.ts */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	unsigned long vm_flags;
	struct list_head anon_vma_chain;
	struct anon_vma *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
};
/* </kwb-layout vm_area_struct> */

enum vm_fault_reason {
	VM_FAULT_OOM            = (__force vm_fault_t)0x000001,
	VM_FAULT_SIGBUS         = (__force vm_fault_t)0x000002,
	VM_FAULT_MAJOR          = (__force vm_fault_t)0x000004,
	VM_FAULT_HWPOISON       = (__force vm_fault_t)0x000010,
	VM_FAULT_HWPOISON_LARGE = (__force vm_fault_t)0x000020,
	VM_FAULT_SIGSEGV        = (__force vm_fault_t)0x000040,
	VM_FAULT_NOPAGE         = (__force vm_fault_t)0x000100,
	VM_FAULT_LOCKED         = (__force vm_fault_t)0x000200,
	VM_FAULT_RETRY          = (__force vm_fault_t)0x000400,
	VM_FAULT_FALLBACK       = (__force vm_fault_t)0x000800,
	VM_FAULT_DONE_COW       = (__force vm_fault_t)0x001000,
	VM_FAULT_NEEDDSYNC      = (__force vm_fault_t)0x002000,
};
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)
#endif
