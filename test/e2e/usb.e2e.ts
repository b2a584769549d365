// e2e: the USB view — the xHCI's root hubs and ports from typed data; plugging the usb-storage stick from the view gives the device, its interface bound to usb-storage and sda/sda1 in the tree and " sda: sda1" in the kernel log, and unplugging it empties the port; screenshots at 1280x800 in test-results/.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, useWorkbench, waitForTerminal } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
const { page, problems } = useWorkbench({ width: 1280, height: 800 });

describe('USB view', () => {
  it('plugs the stick into port 1, shows usb-storage with sda and sda1 under it, and unplugs it', async () => {
    await page.getByTestId('right-usb').click();
    await page.getByTestId('usb-view').waitFor();
    await expect.poll(() => page.getByTestId('usb-hub-usb1').textContent(), { timeout: 15_000 }).toContain('Port 4');
    expect(await page.getByTestId('usb-port-1').textContent()).toContain('empty');
    expect(await page.getByTestId('usb-hub-usb2').textContent()).toContain('USB 3.0');

    await page.getByTestId('usb-plug-1-usb-storage').click();
    await page.getByTestId('usb-block-sda1').waitFor({ timeout: 30_000 });
    const iface = await page.getByTestId('usb-iface-1-1:1.0').textContent();
    expect(iface).toContain('Mass Storage');
    expect(iface).toContain('usb-storage');
    expect(await page.getByTestId('usb-dev-1-1').textContent()).toContain('QEMU USB HARDDRIVE');

    await page.getByTestId('terminal').click();
    await page.keyboard.type('dmesg | grep -q "^\\[.*\\]  sda: sda1$" && echo "partition-scan-$((40+2))"');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^partition-scan-42$/m);

    await page.getByTestId('usb-view').screenshot({ path: join(RESULTS, 'usb-view-1280.png') });
    await page.screenshot({ path: join(RESULTS, 'usb-window-1280.png') });

    await page.getByTestId('usb-unplug-1').click();
    await expect.poll(() => page.getByTestId('usb-port-1').getAttribute('data-device'), { timeout: 15_000 }).toBe('');
    await expect.poll(() => page.getByTestId('usb-dev-1-1').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('usb-port-1').textContent()).toContain('empty');
    expect(problems).toEqual([]);
  });
});
