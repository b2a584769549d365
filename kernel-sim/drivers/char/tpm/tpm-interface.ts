// Models linux/drivers/char/tpm/tpm-interface.c's tpm_init (subsys_initcall, CONFIG_TCG_TPM=y as Debian builds it): the tpm and tpmrm classes and the "tpm" character major that TPM chips register into. No machine here has a TPM, so both classes stay empty (the reference's IMA says "No TPM chip found").
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { pr_err } from '../../../kernel/printk/printk.ts';
import { alloc_chrdev_region } from '../../../fs/char_dev.ts';
import { class_create, class_destroy } from '../../base/class.ts';

/** TPM_NUM_DEVICES (tpm.h): minors per class; the region holds /dev/tpmN and /dev/tpmrmN. */
export const TPM_NUM_DEVICES = 65536;

function tpm_init(): number {
  const tpm_class = class_create('tpm');
  if (typeof tpm_class === 'number') { pr_err('couldn\'t create tpm class'); return tpm_class; }
  const tpmrm_class = class_create('tpmrm');
  if (typeof tpmrm_class === 'number') { pr_err('couldn\'t create tpmrm class'); class_destroy(tpm_class); return tpmrm_class; }
  const devt = alloc_chrdev_region(0, 2 * TPM_NUM_DEVICES, 'tpm');
  if (devt < 0) {
    pr_err('tpm: failed to allocate char dev region');
    class_destroy(tpmrm_class);
    class_destroy(tpm_class);
    return devt;
  }
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'tpm_init', tpm_init, 8_000]];
