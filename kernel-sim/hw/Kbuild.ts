// The device models of hw/, in the order QEMU's meson lists them: each exports its types (TypeInfo) as data, registered per bus.
import { type hw_unit, type_register } from './core/qom.ts';
import * as q35 from './pci-host/q35.ts';
import * as lpc_ich9 from './isa/lpc_ich9.ts';
import * as bridges from './pci-bridge/bridges.ts';
import * as pci_identity from './misc/pci-identity.ts';
import * as edu from './misc/edu.ts';
import * as virtio_blk_pci from './block/virtio-blk-pci.ts';
import * as virtio_net_pci from './net/virtio-net-pci.ts';
import * as hcd_xhci from './usb/hcd-xhci.ts';
import * as serial from './char/serial.ts';
import * as pckbd from './input/pckbd.ts';
import * as kwb_gpio from './gpio/kwb-gpio.ts';
import * as kwb_gpio_bank from './gpio/kwb-gpio-bank.ts';
import * as smbus_ich9 from './i2c/smbus_ich9.ts';
import * as lm75 from './i2c/lm75.ts';
import * as at24 from './i2c/at24.ts';
import * as designware_spi from './ssi/designware_spi.ts';
import * as m25p80 from './ssi/m25p80.ts';
import * as ltc2488 from './ssi/ltc2488.ts';

export const hw_objs: readonly hw_unit[] = [q35, lpc_ich9, bridges, pci_identity, edu, virtio_blk_pci, virtio_net_pci, hcd_xhci, serial, pckbd, kwb_gpio, kwb_gpio_bank, smbus_ich9, lm75, at24, designware_spi, m25p80, ltc2488];

/** The per-bus type tables every machine builds from. */
export const hw_types = type_register(hw_objs);
