// The virtio bus in sysfs as drivers/virtio/virtio.c makes it: each virtioN's device, vendor, status, modalias and features files, the drivers' bind/unbind, and the status byte a reset and an ACKNOWLEDGE leave after unbind.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot } from '../core/harness.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('/sys/bus/virtio', () => {
  const m = boot({ dts, dtsName: 'default.dts' });
  const sh = (cmd: string): string => m.runCommand(cmd).output;

  it('lists virtioN under their PCI functions and the virtio drivers', () => {
    expect(sh('readlink /sys/bus/virtio/devices/virtio0')).toBe('../../../devices/pci0000:00/0000:00:03.0/virtio0\n');
    expect(sh('ls /sys/bus/virtio/')).toMatch(/devices\s+drivers\s+drivers_autoprobe\s+drivers_probe\s+uevent/);
    expect(sh('ls /sys/bus/virtio/drivers')).toMatch(/virtio_blk\s+virtio_net/);
    expect(sh('ls /sys/bus/virtio/drivers/virtio_blk')).toMatch(/bind\s+uevent\s+unbind\s+virtio0\s+virtio2/);
  });

  it("shows a device's id, status, modalias and negotiated features as Linux formats them", () => {
    const d = '/sys/bus/virtio/devices/virtio0';
    expect(sh(`cat ${d}/device ${d}/vendor ${d}/status ${d}/modalias`)).toBe('0x0002\n0x1af4\n0x0000000f\nvirtio:d00000002v00001AF4\n');
    const f = sh(`cat ${d}/features`);
    expect(f).toMatch(/^[01]{64}\n$/);
    // Bit 32 (VIRTIO_F_VERSION_1) is always negotiated by a modern device; FLUSH (9) by virtio_blk.
    expect(f[32]).toBe('1');
    expect(f[9]).toBe('1');
    expect(sh('cat /sys/bus/virtio/devices/virtio1/device')).toBe('0x0001\n');
    expect(sh(`readlink ${d}/driver`)).toBe('../../../../bus/virtio/drivers/virtio_blk\n');
  });

  it('unbinds and binds virtio_blk through the driver directory', () => {
    const d = '/sys/bus/virtio/devices/virtio2';
    expect(sh(`echo virtio2 > /sys/bus/virtio/drivers/virtio_blk/unbind; ls /sys/block; cat ${d}/status; ls ${d}`)).toBe('ram0\nvda\n0x00000001\ndevice\nfeatures\nmodalias\npower\nstatus\nsubsystem\nuevent\nvendor\n');
    expect(sh(`echo virtio2 > /sys/bus/virtio/drivers/virtio_blk/bind; ls /sys/block; cat ${d}/status; readlink ${d}/driver`)).toBe('ram0\nvda\nvdb\n0x0000000f\n../../../../../../bus/virtio/drivers/virtio_blk\n');
  });
});
