// Models linux/drivers/dma-buf/dma-buf.c's dma_buf_init (subsys_initcall, CONFIG_DMA_SHARED_BUFFER=y): the "dmabuf" pseudo filesystem every exported buffer's file lives on. No driver here exports buffers yet.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { file_system_type } from '../../include/linux/fs_types.ts';
import { kern_mount_pseudo } from '../../fs/mount.ts';
import { no_such_fs } from '../../fs/super.ts';

export const DMA_BUF_MAGIC = 0x444d4142;

/** dma_buf_fs_type: kern_mount only, never registered. */
const dma_buf_fs_type: file_system_type = { name: 'dmabuf', fs_flags: 0, mount: no_such_fs };

function dma_buf_init(): number {
  const m = kern_mount_pseudo(dma_buf_fs_type, DMA_BUF_MAGIC);
  return typeof m === 'number' ? m : 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'dma_buf_init', dma_buf_init, 6_000]];
