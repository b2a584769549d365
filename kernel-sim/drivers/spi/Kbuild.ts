// Models linux/drivers/spi/Makefile: the core, then the protocol drivers (spidev), then the controller drivers, in link order.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as spi from './spi.ts';
import * as spidev from './spidev.ts';
import * as spi_dw_mmio from './spi-dw-mmio.ts';

export const obj_y: kbuild_obj[] = [spi, spidev, spi_dw_mmio];
