// Models linux/drivers/i2c/busses/i2c-i801.c: the Intel ICH/PCH SMBus host driver (i2c_i801.ko) — HOSTC, the host registers on BAR4, transactions completed by the PCI interrupt, the block buffer, and adapter "SMBus I801 adapter at 0700".
import type { KGen } from '../../../include/linux/sched.ts';
import { type pci_dev, type pci_device_id, type pci_driver, PCI_ANY_ID, pci_resource_start, pci_set_drvdata, pci_get_drvdata } from '../../../include/linux/pci.ts';
import {
  I2C_CLASS_HWMON, I2C_CLASS_SPD, I2C_FUNC_SMBUS_BLOCK_DATA, I2C_FUNC_SMBUS_BYTE, I2C_FUNC_SMBUS_BYTE_DATA, I2C_FUNC_SMBUS_PROC_CALL,
  I2C_FUNC_SMBUS_QUICK, I2C_FUNC_SMBUS_READ_I2C_BLOCK, I2C_FUNC_SMBUS_WORD_DATA, I2C_SMBUS_BLOCK_DATA,
  I2C_SMBUS_BLOCK_MAX, I2C_SMBUS_BYTE, I2C_SMBUS_BYTE_DATA, I2C_SMBUS_I2C_BLOCK_DATA, I2C_SMBUS_PROC_CALL, I2C_SMBUS_QUICK, I2C_SMBUS_READ,
  I2C_SMBUS_WORD_DATA, I2C_SMBUS_WRITE, type i2c_adapter, type i2c_algorithm, type i2c_smbus_data, i2c_get_adapdata, i2c_set_adapdata,
} from '../../../include/linux/i2c.ts';
import { EAGAIN, EBUSY, EIO, ENODEV, ENXIO, EOPNOTSUPP, EPROTO, ETIMEDOUT } from '../../../include/uapi/asm-generic/errno.ts';
import { inb, outb } from '../../../arch/x86/io.ts';
import { IRQ_HANDLED, IRQ_NONE, IRQF_SHARED } from '../../../kernel/irq/irqdesc.ts';
import { free_irq, request_irq } from '../../../kernel/irq/manage.ts';
import { wait_event_timeout, wait_queue_head, wake_up } from '../../../kernel/sched/wait.ts';
import type { ts_module_def } from '../../../kernel/module/obj_m.ts';
import { defineState } from '../../../kernel/state.ts';
import type { device_node } from '../../base/base.ts';
import { dev_err, dev_info, dev_warn } from '../../base/core.ts';
import { devres_add, devres_alloc } from '../../base/devres.ts';
import { pci_read_config_byte, pci_read_config_word, pci_write_config_byte } from '../../pci/access.ts';
import { pcim_enable_device, pcim_iomap_regions } from '../../pci/pci.ts';
import { __pci_register_driver, pci_unregister_driver } from '../../pci/pci-driver.ts';
import { be32, of_allnodes, of_find_property, of_prop_strings } from '../../of/base.ts';
import { i2c_add_adapter, i2c_adapter_alloc, i2c_del_adapter } from '../i2c-core-base.ts';

const DRV_NAME = 'i801_smbus';
const SMBBAR = 4;
/** I801 SMBus address offsets. */
const SMBHSTSTS = 0, SMBHSTCNT = 2, SMBHSTCMD = 3, SMBHSTADD = 4, SMBHSTDAT0 = 5, SMBHSTDAT1 = 6, SMBBLKDAT = 7, SMBAUXCTL = 13;
/** PCI config: host configuration. */
const SMBHSTCFG = 0x040, SMBHSTCFG_HST_EN = 1 << 0, SMBHSTCFG_SMB_SMI_EN = 1 << 1, SMBHSTCFG_I2C_EN = 1 << 2, SMBHSTCFG_SPD_WD = 1 << 4;
const PCI_STATUS = 0x06, PCI_STATUS_INTERRUPT = 0x08;
const SMBAUXCTL_CRC = 1 << 0, SMBAUXCTL_E32B = 1 << 1;
/** Other settings. */
const I801_QUICK = 0x00, I801_BYTE = 0x04, I801_BYTE_DATA = 0x08, I801_WORD_DATA = 0x0c, I801_PROC_CALL = 0x10, I801_BLOCK_DATA = 0x14;
const I801_I2C_BLOCK_DATA = 0x18;
const SMBHSTCNT_INTREN = 1 << 0, SMBHSTCNT_KILL = 1 << 1, SMBHSTCNT_START = 1 << 6;
const SMBHSTSTS_BYTE_DONE = 1 << 7, SMBHSTSTS_SMBALERT_STS = 1 << 5, SMBHSTSTS_FAILED = 1 << 4;
const SMBHSTSTS_BUS_ERR = 1 << 3, SMBHSTSTS_DEV_ERR = 1 << 2, SMBHSTSTS_INTR = 1 << 1, SMBHSTSTS_HOST_BUSY = 1 << 0;
const STATUS_ERROR_FLAGS = SMBHSTSTS_FAILED | SMBHSTSTS_BUS_ERR | SMBHSTSTS_DEV_ERR;
const STATUS_FLAGS = SMBHSTSTS_BYTE_DONE | SMBHSTSTS_INTR | STATUS_ERROR_FLAGS;
/** priv.features bits (the driver_data of the ID table). */
const FEATURE_SMBUS_PEC = 1 << 0, FEATURE_BLOCK_BUFFER = 1 << 1, FEATURE_I2C_BLOCK_READ = 1 << 3, FEATURE_IRQ = 1 << 4;
/** Interrupt mode's timeout: HZ / 5. */
const I801_TIMEOUT_NS = 200_000_000;

interface i801_priv {
  smba: number;
  original_hstcfg: number;
  original_hstcnt: number;
  pci_dev: pci_dev;
  adapter: i2c_adapter;
  features: number;
  /** The status i801_isr saw (0 while a transaction runs). */
  status: number;
  done: wait_queue_head;
  irq: number;
}

const PCI_DEVICE_ID_INTEL_82801I_SMBUS = 0x2930;

/** The disable_features module parameter, as the loaded module holds it. */
const i801State = defineState('i2c_i801', () => ({ disable_features: 0 }));

/** i801_ids: the ICH9 entry with the features every ICH9 has. */
const i801_ids: pci_device_id[] = [
  { vendor: 0x8086, device: PCI_DEVICE_ID_INTEL_82801I_SMBUS, subvendor: PCI_ANY_ID, subdevice: PCI_ANY_ID, class: 0, class_mask: 0, driver_data: FEATURE_SMBUS_PEC | FEATURE_BLOCK_BUFFER | FEATURE_I2C_BLOCK_READ | FEATURE_IRQ },
  { vendor: 0, device: 0, subvendor: 0, subdevice: 0, class: 0, class_mask: 0, driver_data: 0 },
];

const R = (p: i801_priv, reg: number): number => inb(p.smba + reg);
const W = (p: i801_priv, v: number, reg: number): void => outb(v, p.smba + reg);

/** i801_check_pre(): the host must be idle; stale status is cleared. */
function i801_check_pre(priv: i801_priv): number {
  let status = R(priv, SMBHSTSTS);
  if (status & SMBHSTSTS_HOST_BUSY) {
    dev_err(priv.pci_dev.dev, "SMBus is busy, can't use it!");
    return -EBUSY;
  }
  status &= STATUS_FLAGS;
  if (status) W(priv, status, SMBHSTSTS);
  return 0;
}

/** i801_check_post(): the status bits as an errno (no response is -ENXIO, as i2cdetect expects). */
function i801_check_post(priv: i801_priv, status: number): number {
  if (status < 0) {
    dev_err(priv.pci_dev.dev, 'Transaction timeout');
    W(priv, SMBHSTCNT_KILL, SMBHSTCNT);
    W(priv, 0, SMBHSTCNT);
    return -ETIMEDOUT;
  }
  let result = 0;
  if (status & SMBHSTSTS_FAILED) {
    result = -EIO;
    dev_err(priv.pci_dev.dev, 'Transaction failed');
  }
  if (status & SMBHSTSTS_DEV_ERR) result = -ENXIO;
  if (status & SMBHSTSTS_BUS_ERR) result = -EAGAIN;
  return result;
}

/** i801_wait_intr(): the polling path (no IRQ): status once the host is no longer busy. */
function i801_wait_intr(priv: i801_priv): number {
  const status = R(priv, SMBHSTSTS);
  if (status & SMBHSTSTS_HOST_BUSY || !(status & (STATUS_ERROR_FLAGS | SMBHSTSTS_INTR))) return -ETIMEDOUT;
  W(priv, status & (STATUS_ERROR_FLAGS | SMBHSTSTS_INTR), SMBHSTSTS);
  return status & (STATUS_ERROR_FLAGS | SMBHSTSTS_INTR);
}

/** i801_transaction(): START with INTREN and sleep until i801_isr reports, or poll without an IRQ. */
function* i801_transaction(priv: i801_priv, xact: number): KGen<number> {
  if (priv.features & FEATURE_IRQ) {
    priv.status = 0;
    W(priv, xact | SMBHSTCNT_INTREN | SMBHSTCNT_START, SMBHSTCNT);
    const r = yield* wait_event_timeout(priv.done, () => priv.status !== 0, priv.adapter.timeout);
    return r ? priv.status : -ETIMEDOUT;
  }
  W(priv, xact | SMBHSTCNT_START, SMBHSTCNT);
  return i801_wait_intr(priv);
}

/** i801_isr(): our interrupt if PCI status says so; clear the sources and wake the transaction. */
function i801_isr(_irq: number, dev_id: unknown): number {
  const priv = dev_id as i801_priv;
  if (!(pci_read_config_word(priv.pci_dev, PCI_STATUS) & PCI_STATUS_INTERRUPT)) return IRQ_NONE;
  let status = R(priv, SMBHSTSTS);
  status &= SMBHSTSTS_INTR | STATUS_ERROR_FLAGS | SMBHSTSTS_SMBALERT_STS;
  if (status) W(priv, status, SMBHSTSTS);
  status &= ~SMBHSTSTS_SMBALERT_STS;
  if (status) {
    priv.status = status;
    wake_up(priv.done);
  }
  return IRQ_HANDLED;
}

/**
 * i801_block_transaction_by_block(): the 32-byte block buffer (AUX_CTL.E32B). Linux moves I2C block reads byte by
 * byte (BYTE_DONE handshakes); the modelled controller serves them from the block buffer too, so both go this way.
 */
function* i801_block_transaction(priv: i801_priv, data: i2c_smbus_data, read_write: number, command: number): KGen<number> {
  const i2c_block = command === I2C_SMBUS_I2C_BLOCK_DATA;
  W(priv, R(priv, SMBAUXCTL) | SMBAUXCTL_E32B, SMBAUXCTL);
  const len = data[0]!;
  if (read_write === I2C_SMBUS_WRITE || i2c_block) {
    if (len < 1 || len > I2C_SMBUS_BLOCK_MAX) { W(priv, R(priv, SMBAUXCTL) & ~SMBAUXCTL_E32B, SMBAUXCTL); return -EPROTO; }
    W(priv, len, SMBHSTDAT0);
  }
  if (read_write === I2C_SMBUS_WRITE) {
    R(priv, SMBHSTCNT); // reset the buffer index
    for (let i = 0; i < len; i++) W(priv, data[i + 1]!, SMBBLKDAT);
  }
  let status = yield* i801_transaction(priv, i2c_block ? I801_I2C_BLOCK_DATA : I801_BLOCK_DATA);
  status = i801_check_post(priv, status);
  if (!status && read_write === I2C_SMBUS_READ) {
    const n = i2c_block ? len : R(priv, SMBHSTDAT0);
    if (n < 1 || n > I2C_SMBUS_BLOCK_MAX) status = -EPROTO;
    else {
      data[0] = n;
      R(priv, SMBHSTCNT);
      for (let i = 0; i < n; i++) data[i + 1] = R(priv, SMBBLKDAT);
    }
  }
  W(priv, R(priv, SMBAUXCTL) & ~(SMBAUXCTL_CRC | SMBAUXCTL_E32B), SMBAUXCTL);
  return status;
}

/** i801_access(): one SMBus transaction (smbus_algorithm.smbus_xfer). */
function* i801_access(adap: i2c_adapter, addr: number, _flags: number, read_write: number, command: number, size: number, data: i2c_smbus_data): KGen<number> {
  const priv = i2c_get_adapdata(adap) as i801_priv;
  let ret = i801_check_pre(priv);
  if (ret) return ret;
  const hstadd = (rw: number) => W(priv, ((addr & 0x7f) << 1) | (rw & 1), SMBHSTADD);
  let xact: number;
  switch (size) {
    case I2C_SMBUS_QUICK: hstadd(read_write); xact = I801_QUICK; break;
    case I2C_SMBUS_BYTE:
      hstadd(read_write);
      if (read_write === I2C_SMBUS_WRITE) W(priv, command, SMBHSTCMD);
      xact = I801_BYTE;
      break;
    case I2C_SMBUS_BYTE_DATA:
      hstadd(read_write);
      W(priv, command, SMBHSTCMD);
      if (read_write === I2C_SMBUS_WRITE) W(priv, data[0]!, SMBHSTDAT0);
      xact = I801_BYTE_DATA;
      break;
    case I2C_SMBUS_WORD_DATA:
      hstadd(read_write);
      W(priv, command, SMBHSTCMD);
      if (read_write === I2C_SMBUS_WRITE) { W(priv, data[0]!, SMBHSTDAT0); W(priv, data[1]!, SMBHSTDAT1); }
      xact = I801_WORD_DATA;
      break;
    case I2C_SMBUS_PROC_CALL:
      hstadd(I2C_SMBUS_WRITE);
      W(priv, command, SMBHSTCMD);
      W(priv, data[0]!, SMBHSTDAT0);
      W(priv, data[1]!, SMBHSTDAT1);
      xact = I801_PROC_CALL;
      read_write = I2C_SMBUS_READ;
      break;
    case I2C_SMBUS_BLOCK_DATA:
      hstadd(read_write);
      W(priv, command, SMBHSTCMD);
      return yield* i801_block_transaction(priv, data, read_write, I2C_SMBUS_BLOCK_DATA);
    case I2C_SMBUS_I2C_BLOCK_DATA:
      // The R/W bit stays clear even for reads (ICH5 datasheet p. 240) unless SPD Write Disable is set; DATA1 holds the command when reading.
      hstadd(priv.original_hstcfg & SMBHSTCFG_SPD_WD ? read_write : I2C_SMBUS_WRITE);
      if (read_write === I2C_SMBUS_READ) W(priv, command, SMBHSTDAT1);
      else W(priv, command, SMBHSTCMD);
      if (read_write === I2C_SMBUS_WRITE) {
        // The host has no I2C block write protocol: an I2C block write is an SMBus block write without the count byte.
        return -EOPNOTSUPP;
      }
      return yield* i801_block_transaction(priv, data, read_write, I2C_SMBUS_I2C_BLOCK_DATA);
    default:
      dev_err(priv.pci_dev.dev, `Unsupported transaction ${size}`);
      return -EOPNOTSUPP;
  }
  ret = yield* i801_transaction(priv, xact);
  ret = i801_check_post(priv, ret);
  if (ret) return ret;
  if (read_write === I2C_SMBUS_WRITE || xact === I801_QUICK) return 0;
  if (xact === I801_BYTE || xact === I801_BYTE_DATA) data[0] = R(priv, SMBHSTDAT0);
  else { data[0] = R(priv, SMBHSTDAT0); data[1] = R(priv, SMBHSTDAT1); }
  return 0;
}

/** i801_func(): what this host does (I2C block writes are left to emulation, which has no I2C transfers here). */
function i801_func(adap: i2c_adapter): number {
  const priv = i2c_get_adapdata(adap) as i801_priv;
  return (I2C_FUNC_SMBUS_QUICK | I2C_FUNC_SMBUS_BYTE | I2C_FUNC_SMBUS_BYTE_DATA | I2C_FUNC_SMBUS_WORD_DATA | I2C_FUNC_SMBUS_PROC_CALL
    | I2C_FUNC_SMBUS_BLOCK_DATA | (priv.features & FEATURE_I2C_BLOCK_READ ? I2C_FUNC_SMBUS_READ_I2C_BLOCK : 0)) >>> 0;
}

const smbus_algorithm: i2c_algorithm = { smbus_xfer: i801_access, functionality: i801_func };

/**
 * pci_set_of_node() / of_pci_find_child_device(): the device-tree node of a PCI function is the child of its bus
 * node whose reg phys.hi encodes the same bus and devfn.
 */
function of_pci_find_node(pdev: pci_dev): device_node | null {
  for (const np of of_allnodes()) {
    if (!np.parent || of_prop_strings(of_find_property(np.parent, 'device_type'))[0] !== 'pci') continue;
    const reg = of_find_property(np, 'reg');
    if (!reg || reg.length < 4) continue;
    const hi = be32(reg.value, 0);
    if (((hi >> 8) & 0xff) === pdev.devfn && ((hi >> 16) & 0xff) === pdev.bus.number) return np;
  }
  return null;
}

/** i801_probe(). */
function* i801_probe(dev: pci_dev, id: pci_device_id): KGen<number> {
  const adapter = i2c_adapter_alloc(dev.dev, '', smbus_algorithm);
  const priv: i801_priv = { smba: 0, original_hstcfg: 0, original_hstcnt: 0, pci_dev: dev, adapter, features: id.driver_data & ~i801State().disable_features, status: 0, done: new wait_queue_head(), irq: 0 };
  i2c_set_adapdata(adapter, priv);
  adapter.owner = 'i2c_i801';
  adapter.class = I2C_CLASS_HWMON | I2C_CLASS_SPD;
  adapter.retries = 3;
  adapter.dev.of_node = dev.dev.of_node ?? of_pci_find_node(dev);
  let err = pcim_enable_device(dev);
  if (err) {
    dev_err(dev.dev, `Failed to enable SMBus PCI device (${err})`);
    return err;
  }
  priv.smba = pci_resource_start(dev, SMBBAR);
  if (!priv.smba) {
    dev_err(dev.dev, 'SMBus base address uninitialized, upgrade BIOS');
    return -ENODEV;
  }
  err = pcim_iomap_regions(dev, 1 << SMBBAR, DRV_NAME);
  if (err) {
    dev_err(dev.dev, `Failed to request SMBus region 0x${priv.smba.toString(16)}-0x${(priv.smba + 63).toString(16)}`);
    return err;
  }
  priv.original_hstcfg = pci_read_config_byte(dev, SMBHSTCFG);
  pci_write_config_byte(dev, SMBHSTCFG, (priv.original_hstcfg & ~SMBHSTCFG_I2C_EN) | SMBHSTCFG_HST_EN);
  if (!(priv.original_hstcfg & SMBHSTCFG_HST_EN)) dev_info(dev.dev, 'Enabling SMBus device');
  if (priv.original_hstcfg & SMBHSTCFG_SMB_SMI_EN) priv.features &= ~FEATURE_IRQ;
  if (priv.original_hstcfg & SMBHSTCFG_SPD_WD) dev_info(dev.dev, 'SPD Write Disable is set');
  if (priv.features & (FEATURE_SMBUS_PEC | FEATURE_BLOCK_BUFFER)) W(priv, R(priv, SMBAUXCTL) & ~(SMBAUXCTL_CRC | SMBAUXCTL_E32B), SMBAUXCTL);
  priv.original_hstcnt = R(priv, SMBHSTCNT) & ~SMBHSTCNT_KILL;
  adapter.timeout = I801_TIMEOUT_NS;
  if (!dev.irq) priv.features &= ~FEATURE_IRQ;
  if (priv.features & FEATURE_IRQ) {
    if (pci_read_config_word(dev, PCI_STATUS) & PCI_STATUS_INTERRUPT) dev_warn(dev.dev, 'An interrupt is pending!');
    err = request_irq(dev.irq, i801_isr, IRQF_SHARED, DRV_NAME, priv);
    if (err) {
      dev_err(dev.dev, `Failed to allocate irq ${dev.irq}: ${err}`);
      priv.features &= ~FEATURE_IRQ;
    } else {
      priv.irq = dev.irq;
      devres_add(dev.dev, devres_alloc(() => { free_irq(priv.irq, priv); }, 0, 'devm_irq_release'));
    }
  }
  dev_info(dev.dev, `SMBus using ${priv.features & FEATURE_IRQ ? 'PCI interrupt' : 'polling'}`);
  adapter.name = `SMBus I801 adapter at ${priv.smba.toString(16).padStart(4, '0')}`;
  err = yield* i2c_add_adapter(adapter);
  if (err) return err;
  pci_set_drvdata(dev, priv);
  return 0;
}

function* i801_remove(dev: pci_dev): KGen<void> {
  const priv = pci_get_drvdata(dev) as i801_priv;
  W(priv, priv.original_hstcnt, SMBHSTCNT);
  yield* i2c_del_adapter(priv.adapter);
  pci_write_config_byte(dev, SMBHSTCFG, priv.original_hstcfg);
}

export const i801_driver: pci_driver = {
  name: DRV_NAME, id_table: i801_ids, probe: i801_probe, remove: i801_remove, driver: { name: DRV_NAME }, owner: 'i2c_i801',
};

/** obj-m: i2c-i801.ko (Debian: CONFIG_I2C_I801=m), autoloaded by udev from the ICH9 SMBus function's PCI modalias. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'i2c_i801',
  path: 'kernel/drivers/i2c/busses/i2c-i801.ko',
  description: 'I801 SMBus driver',
  license: 'GPL',
  author: 'Mark D. Studebaker <mdsxyz123@yahoo.com>',
  alias: ['pci:v00008086d00002930sv*sd*bc*sc*i*'],
  params: [{ name: 'disable_features', type: 'uint', perm: 0o444, desc: 'Disable selected driver features:\n\t\t  0x01  disable SMBus PEC\n\t\t  0x02  disable the block buffer\n\t\t  0x08  disable the I2C block read functionality\n\t\t  0x10  don\'t use interrupts\n\t\t  0x20  disable SMBus Host Notify ', default: 0 }],
  size: 36864,
  init: function* (v) {
    i801State().disable_features = v.int('disable_features');
    return yield* __pci_register_driver(i801_driver, 'i2c_i801', 'i2c_i801');
  },
  exit: () => pci_unregister_driver(i801_driver),
}];
