// The SPI user-space tools the workbench installs: spidev_test (linux/tools/spi).
import type { program } from '../index.ts';
import { spidev_test_main } from './spidev_test.ts';

export const spi_programs: Record<string, program> = {
  spidev_test: { main: spidev_test_main, path: '/usr/bin/spidev_test' },
};
