// Models linux/fs/proc/kcore.c: /proc/kcore, the running kernel as an ELF core file — PT_NOTE, then a PT_LOAD per kcore_list entry (vsyscall page, kernel text, vmalloc area, module area, each System RAM range in the direct map and its struct pages in vmemmap).
//
// x86-64 addresses without KASLR (the layout kallsyms uses): PAGE_OFFSET 0xffff888000000000, VMALLOC_START
// 0xffffc90000000000 (32 TiB), VMEMMAP_START 0xffffea0000000000, _text at 0xffffffff81000000, modules from
// 0xffffffffc0000000 to 0xffffffffff000000, the vsyscall page at 0xffffffffff600000. A segment's file offset is
// its address less PAGE_OFFSET (kc_vaddr_to_offset) past the notes, so the file's size is that of the address space.
// The simulated RAM's bytes are not a physical address space here: the segments read as zeros, as Linux reads a
// page it may not touch.
import type { file, loff_t } from '../../include/linux/fs_types.ts';
import { EFAULT, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { S_IRUSR } from '../../include/uapi/stat.ts';
import { boot_desc } from '../../init/boot_state.ts';
import { capable } from '../../kernel/capability.ts';
import { iomem_resource, IORESOURCE_SYSTEM_RAM } from '../../kernel/resource.ts';
import { UTS_RELEASE } from '../../kernel/nsproxy.ts';
import { kimage } from '../../mm/memblock_x86.ts';
import { copy_to_user } from '../../mm/uaccess.ts';
import { sizeOf } from '../../toolchain/layouts/access.ts';
import { defineState } from '../../kernel/state.ts';
import { proc_create } from './generic.ts';
import type { proc_dir_entry } from './internal.ts';

const PAGE_SIZE = 4096;
/** include/uapi/linux/capability.h: opening /proc/kcore needs it. */
const CAP_SYS_RAWIO = 17;
const PAGE_OFFSET = 0xffff888000000000n;
const VMALLOC_START = 0xffffc90000000000n, VMALLOC_SIZE = 32n << 40n;
const VMEMMAP_START = 0xffffea0000000000n;
const KERNEL_TEXT = 0xffffffff81000000n;
const MODULES_VADDR = 0xffffffffc0000000n, MODULES_END = 0xffffffffff000000n;
const VSYSCALL_ADDR = 0xffffffffff600000n;
/** sizeof(struct page) on x86-64. */
const STRUCT_PAGE = 64n;

export const KCORE_TEXT = 0, KCORE_VMALLOC = 1, KCORE_RAM = 2, KCORE_VMEMMAP = 3, KCORE_USER = 4;
export interface kcore_list { addr: bigint; size: bigint; type: number }

const kcoreState = defineState('kcore', () => ({ list: [] as kcore_list[], de: null as proc_dir_entry | null }));

/** ELF64 sizes: the file header, a program header, a note header; elf_prstatus and elf_prpsinfo on x86-64. */
const ELFHDR = 64, PHDR = 56, NOTE = 12, PRSTATUS = 336, PRPSINFO = 136;
const NT_PRSTATUS = 1, NT_PRPSINFO = 3, NT_TASKSTRUCT = 4, NT_VMCOREINFO = 0;
const align4 = (n: number): number => (n + 3) & ~3;

/** vmcoreinfo_data (kernel/crash_core.c's crash_save_vmcoreinfo_init) as far as the model has the values. */
function vmcoreinfo(): string {
  return [
    `OSRELEASE=${UTS_RELEASE}`, `PAGESIZE=${PAGE_SIZE}`,
    `SYMBOL(_stext)=${KERNEL_TEXT.toString(16)}`,
    'NUMBER(pgtable_l5_enabled)=0', `NUMBER(page_offset_base)=${PAGE_OFFSET}`, `NUMBER(vmalloc_base)=${VMALLOC_START}`,
    `NUMBER(vmemmap_base)=${VMEMMAP_START}`, `NUMBER(phys_base)=${kimage()._text - 0x1000000}`, 'KERNELOFFSET=0', '',
  ].join('\n');
}

/** The four notes read_kcore_iter writes: prstatus, prpsinfo (state R, "vmlinux", the command line), current's task_struct, VMCOREINFO. */
function kcore_notes(): Uint8Array {
  const info = new TextEncoder().encode(vmcoreinfo());
  const prpsinfo = new Uint8Array(PRPSINFO);
  prpsinfo[1] = 'R'.charCodeAt(0);
  prpsinfo.set(new TextEncoder().encode('vmlinux'), 40);
  prpsinfo.set(new TextEncoder().encode(boot_desc().cmdline.slice(0, 79)), 56);
  const notes: [string, number, Uint8Array][] = [
    ['CORE', NT_PRSTATUS, new Uint8Array(PRSTATUS)],
    ['CORE', NT_PRPSINFO, prpsinfo],
    ['CORE', NT_TASKSTRUCT, new Uint8Array(sizeOf('task_struct'))],
    ['VMCOREINFO', NT_VMCOREINFO, info],
  ];
  const len = notes.reduce((n, [name, , d]) => n + NOTE + align4(name.length + 1) + align4(d.length), 0);
  const out = new Uint8Array(len);
  const dv = new DataView(out.buffer);
  let i = 0;
  for (const [name, type, d] of notes) {
    dv.setUint32(i, name.length + 1, true); dv.setUint32(i + 4, d.length, true); dv.setUint32(i + 8, type, true);
    i += NOTE;
    out.set(new TextEncoder().encode(name), i);
    i = align4(i + name.length + 1);
    out.set(d, i);
    i = align4(i + d.length);
  }
  return out;
}

/** kcore_ram_list: each System RAM range of /proc/iomem in the direct map, each followed by its struct pages' pages. */
function kcore_ram_list(): kcore_list[] {
  const out: kcore_list[] = [];
  for (const r of iomem_resource().child) {
    if ((r.flags & IORESOURCE_SYSTEM_RAM) !== IORESOURCE_SYSTEM_RAM) continue;
    const pfn = BigInt(Math.ceil(r.start / PAGE_SIZE)), end = BigInt(Math.floor((r.end + 1) / PAGE_SIZE));
    if (end <= pfn) continue;
    out.push({ addr: PAGE_OFFSET + pfn * 4096n, size: (end - pfn) * 4096n, type: KCORE_RAM });
    // get_sparsemem_vmemmap_info: page-aligned, clipped where the previous range's struct pages end.
    const start = (VMEMMAP_START + pfn * STRUCT_PAGE) & ~4095n;
    let vend = ((VMEMMAP_START + end * STRUCT_PAGE - 1n) + 4095n) & ~4095n;
    for (const t of out) if (t.type === KCORE_VMEMMAP && start < t.addr + t.size && vend > t.addr) vend = t.addr;
    if (start < vend) out.push({ addr: start, size: vend - start, type: KCORE_VMEMMAP });
  }
  return out;
}

/** The list as kcore_update_ram leaves it: the fixed entries, then RAM (recomputed on each open, as on a hotplug). */
function kclist(): kcore_list[] {
  return [...kcoreState().list, ...kcore_ram_list()];
}

/** get_kcore_size: the header, phdrs and notes rounded to a page, plus the highest segment end's offset. */
function kcore_layout(): { list: kcore_list[]; notes: Uint8Array; data_offset: number; size: bigint } {
  const list = kclist();
  const notes = kcore_notes();
  const phdrs_len = (list.length + 1) * PHDR;
  const data_offset = Math.ceil((ELFHDR + phdrs_len + notes.length) / PAGE_SIZE) * PAGE_SIZE;
  const top = list.reduce((m, e) => (e.addr + e.size - PAGE_OFFSET > m ? e.addr + e.size - PAGE_OFFSET : m), 0n);
  return { list, notes, data_offset, size: BigInt(data_offset) + top };
}

/** The ELF header, program headers and notes (what a reader gets before data_offset). */
export function kcore_headers(): Uint8Array {
  const { list, notes, data_offset } = kcore_layout();
  const phnum = list.length + 1;
  const out = new Uint8Array(ELFHDR + phnum * PHDR + notes.length);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2 /* ELFCLASS64 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */, 0 /* ELFOSABI_NONE */]);
  dv.setUint16(16, 4, true); // ET_CORE
  dv.setUint16(18, 62, true); // EM_X86_64
  dv.setUint32(20, 1, true);
  dv.setBigUint64(32, BigInt(ELFHDR), true); // e_phoff
  dv.setUint16(52, ELFHDR, true); dv.setUint16(54, PHDR, true); dv.setUint16(56, phnum, true);
  const notes_offset = ELFHDR + phnum * PHDR;
  const ph = (i: number, type: number, flags: number, off: bigint, vaddr: bigint, paddr: bigint, sz: bigint, align: bigint): void => {
    const o = ELFHDR + i * PHDR;
    dv.setUint32(o, type, true); dv.setUint32(o + 4, flags, true);
    dv.setBigUint64(o + 8, off, true); dv.setBigUint64(o + 16, vaddr, true); dv.setBigUint64(o + 24, paddr, true);
    dv.setBigUint64(o + 32, sz, true); dv.setBigUint64(o + 40, sz, true); dv.setBigUint64(o + 48, align, true);
  };
  ph(0, 4 /* PT_NOTE */, 0, BigInt(notes_offset), 0n, 0n, BigInt(notes.length), 0n);
  const text_phys = BigInt(kimage()._text);
  list.forEach((m, i) => {
    const paddr = m.type === KCORE_RAM ? m.addr - PAGE_OFFSET : m.type === KCORE_TEXT ? text_phys + (m.addr - KERNEL_TEXT) : 0xffffffffffffffffn;
    ph(i + 1, 1 /* PT_LOAD */, 7 /* PF_R|PF_W|PF_X */, m.addr - PAGE_OFFSET + BigInt(data_offset), m.addr, paddr, m.size, BigInt(PAGE_SIZE));
  });
  out.set(notes, notes_offset);
  return out;
}

/** read_kcore_iter: the headers, then zeros for the segments' bytes. */
function* read_kcore(_file: file, buf: number, count: number, ppos: loff_t): Generator<void, number, void> {
  const { size } = kcore_layout();
  const pos = ppos.pos;
  if (BigInt(pos) >= size) return 0;
  const n = Number(BigInt(Math.min(count, 1 << 20)) < size - BigInt(pos) ? BigInt(Math.min(count, 1 << 20)) : size - BigInt(pos));
  const head = kcore_headers();
  const chunk = new Uint8Array(n);
  if (pos < head.length) chunk.set(head.subarray(pos, Math.min(head.length, pos + n)));
  if (copy_to_user(buf, chunk) !== 0) return -EFAULT;
  ppos.pos += n;
  return n;
}

/** proc_kcore_init (fs_initcall): the file (root's, CAP_SYS_RAWIO to open), the text, vmalloc and module areas. */
function proc_kcore_init(): number {
  const st = kcoreState();
  st.de = proc_create('kcore', S_IRUSR, null, {
    proc_open: function* () { return capable(CAP_SYS_RAWIO) ? 0 : -EPERM; },
    proc_read: read_kcore,
    proc_lseek: function* (file, offset, whence) {
      const size = Number(kcore_layout().size);
      const pos = whence === 0 ? offset : whence === 1 ? file.f_pos + offset : size + offset;
      file.f_pos = pos;
      return pos;
    },
  });
  const k = kimage();
  // mem_init's vsyscall page comes first; proc_kcore_init adds the rest.
  st.list.push(
    { addr: VSYSCALL_ADDR, size: BigInt(PAGE_SIZE), type: KCORE_USER },
    { addr: KERNEL_TEXT, size: BigInt(k.end_of_kernel_reserve - k._text), type: KCORE_TEXT },
    { addr: VMALLOC_START, size: VMALLOC_SIZE, type: KCORE_VMALLOC },
    { addr: MODULES_VADDR, size: MODULES_END - MODULES_VADDR, type: KCORE_VMALLOC },
  );
  if (st.de) st.de.size = Number(kcore_layout().size);
  return 0;
}

export { proc_kcore_init };
