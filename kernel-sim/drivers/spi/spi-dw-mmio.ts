// Models linux/drivers/spi/spi-dw-mmio.c: the platform driver for memory-mapped DesignWare SSI hosts ("snps,dw-apb-ssi"), built in.
//
// The reference clock is read from the node's `clocks` phandle (a fixed-clock's
// clock-frequency): the workbench has no common clock framework, so
// devm_clk_get + clk_get_rate reduce to that lookup.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { ioremap, iounmap } from '../../arch/x86/io.ts';
import { run_sync } from '../base/sync.ts';
import { dev_err } from '../base/core.ts';
import {
  __platform_driver_register, platform_get_resource, platform_get_irq_optional, platform_get_drvdata, platform_set_drvdata, resource_size,
  IORESOURCE_MEM, type platform_device, type platform_driver,
} from '../base/platform.ts';
import type { device_node } from '../base/base.ts';
import { of_find_node_by_phandle, of_get_property, of_node_put } from '../of/base.ts';
import { dw_spi_add_host, dw_spi_remove_host, type dw_spi } from './spi-dw-core.ts';

function u32_prop(np: device_node | null, name: string): number | null {
  const v = of_get_property(np, name);
  return v && v.length >= 4 ? new DataView(v.buffer, v.byteOffset, 4).getUint32(0, false) : null;
}

/** clk_get_rate(devm_clk_get(dev, NULL)): the fixed clock the node's first `clocks` entry names. */
function ssi_clk_rate(np: device_node | null): number | null {
  const ph = u32_prop(np, 'clocks');
  if (ph === null) return null;
  const clk = of_find_node_by_phandle(ph);
  const rate = u32_prop(clk, 'clock-frequency');
  of_node_put(clk);
  return rate;
}

function* dw_spi_mmio_probe(pdev: platform_device): KGen<number> {
  const dev = pdev.dev;
  const mem = platform_get_resource(pdev, IORESOURCE_MEM, 0);
  if (!mem) { dev_err(dev, 'no MMIO resource'); return -EINVAL; }
  const regs = ioremap(mem.start, resource_size(mem), 'dw_spi_mmio_probe');
  if (!regs) return -ENOMEM;
  const irq = platform_get_irq_optional(pdev, 0);
  const rate = ssi_clk_rate(dev.of_node);
  if (!rate) { iounmap(regs); dev_err(dev, 'no ssi_clk: the node needs a "clocks" entry'); return -EINVAL; }
  const dws: dw_spi = {
    master: null, regs, irq: irq > 0 ? irq : 0, bus_num: pdev.id, num_cs: u32_prop(dev.of_node, 'num-cs') ?? 4, max_freq: rate,
    fifo_len: 0, ver: 0, caps: 0, current_freq: 0, cur_rx_sample_dly: 0,
  };
  const ret = yield* dw_spi_add_host(dev, dws);
  if (ret) { iounmap(regs); return ret; }
  platform_set_drvdata(pdev, dws);
  return 0;
}

function* dw_spi_mmio_remove(pdev: platform_device): KGen<void> {
  const dws = platform_get_drvdata(pdev) as dw_spi;
  yield* dw_spi_remove_host(dws);
  iounmap(dws.regs);
}

// kernel-static: the driver's description; registered per machine by its initcall
export const dw_spi_mmio_driver: platform_driver = {
  driver: {
    name: 'dw_spi_mmio',
    of_match_table: [{ compatible: 'snps,dw-apb-ssi' }, { compatible: 'snps,dw-ahb-ssi' }, { compatible: 'snps,dwc-ssi-1.01a' }],
  },
  probe: dw_spi_mmio_probe,
  remove: dw_spi_mmio_remove,
};

function dw_spi_mmio_init(): number {
  return run_sync(__platform_driver_register(dw_spi_mmio_driver, null), 'dw_spi_mmio_driver_init');
}

export const initcalls: initcall_entry[] = [['device', 'dw_spi_mmio_driver_init', dw_spi_mmio_init, 3_000]];
