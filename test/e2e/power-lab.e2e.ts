// e2e: the power lab in the lab panel (web mode, 1280x800), as a learner works it: the starter fails step 1 and the right answers pass it; Check builds and loads the starter's driver and fails step 2 with a message that teaches; the solution's driver pasted into the editor, Build & Load, control=auto typed in the terminal (the Power view caught after the runtime suspend, a readable row per device), then Check passes steps 2 to 6 on the same live machine (answers and wake.sh typed in the editor, rmmod typed in the terminal); screenshots in test-results/.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useWorkbench, waitForTerminal } from './web-mode.ts';

const RESULTS = join(ROOT, 'test-results');
// `web` is read when a test runs: the server exists only after useWorkbench's beforeAll.
const workbench = useWorkbench({ width: 1280, height: 800 }, { timeout: 480_000 });
const { page, problems } = workbench;

const shot = (name: string) => page.screenshot({ path: join(RESULTS, `power-lab-${name}.png`) });
const result = () => page.getByTestId('lab-result').textContent();
const done = () => page.getByTestId('lab-done').textContent();
const ws = (p: string): string => join(workbench.web.workspace, 'labs/power', p);
const solution = (p: string): string => readFileSync(join(ROOT, 'labs/power/solution', p), 'utf8');
const EDU = '/sys/bus/pci/devices/0000:00:02.0';

/** The lab's document tab in front again (an opened file takes its place), then Check. */
async function check(): Promise<void> {
  await page.getByTestId('editor-tab-lab-page').click();
  await page.getByTestId('lab-check').click();
}
const stepText = async (): Promise<string | null> => {
  await page.getByTestId('editor-tab-lab-page').click();
  return page.getByTestId('lab-step-text').textContent();
};

/** Opens a file of the current step from the lab panel and replaces its text in the editor (as a paste does), then saves. */
async function edit(file: string, text: string): Promise<void> {
  await page.getByTestId(`lab-file-${file}`).click();
  await page.getByTestId(`editor-tab-${file.split('/').pop()}`).waitFor();
  await page.getByTestId('monaco').waitFor();
  await page.evaluate((t) => {
    const { editor } = (window as unknown as { __kwbMonaco: { editor: { getModel(): { getFullModelRange(): unknown }; executeEdits(src: string, e: unknown[]): void } } }).__kwbMonaco;
    editor.executeEdits('paste', [{ range: editor.getModel().getFullModelRange(), text: t }]);
  }, text);
  await page.getByTestId('monaco').click();
  await page.keyboard.press('Control+S');
  await expect.poll(() => (existsSync(ws(file)) ? readFileSync(ws(file), 'utf8') : ''), { timeout: 15_000 }).toBe(text);
}

/** Types a command line in the terminal and waits for the marker it prints at the end. */
async function shell(line: string, marker: string, timeout = 60_000): Promise<string> {
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal').click();
  await page.keyboard.type(`${line}; echo ${marker}-$?`);
  await page.keyboard.press('Enter');
  const screen = await waitForTerminal(page, new RegExp(`^${marker}-\\d+$`, 'm'), timeout);
  // The kernel's messages reach the console too (edu_pm's dev_info lines): the command's own output is the rest.
  return screen.split('\n').filter((l) => !/^\[ *\d+\.\d+\] /.test(l)).join('\n');
}

/** Clicks Check and waits until the step is counted done (a failure shows the check's lines). */
async function passes(n: number): Promise<void> {
  await check();
  await expect.poll(async () => {
    const d = await done();
    const r = page.getByTestId('lab-result');
    return d === `${n}/6 done` || !(await r.count()) ? d : `${d}\n${await r.textContent()}`;
  }, { timeout: 300_000 }).toBe(`${n}/6 done`);
}

describe('the power lab in the lab panel', () => {
  it('step 1 fails with the starter\'s empty answers and passes with the machine\'s values', async () => {
    // The panel's code loads after the prompt: whether Labs is shown is read from its activity button (clicking the active one closes it).
    const labs = page.getByRole('button', { name: 'Labs', exact: true });
    if ((await labs.getAttribute('aria-pressed')) !== 'true') await labs.click();
    await page.getByTestId('lab-panel').waitFor();
    await page.getByTestId('lab-open-power').click();
    await page.getByTestId('lab-step-text').waitFor();
    expect(await page.getByTestId('lab-step-text').textContent()).toContain('/sys/power/state');
    await expect.poll(() => existsSync(ws('answers/mem-sleep.txt')), { timeout: 30_000 }).toBe(true);
    await check();
    await expect.poll(result, { timeout: 60_000 }).toMatch(/✗\s*your file answers\/mem-sleep\.txt/);
    expect(await result()).not.toMatch(/\bdeep\b/);
    await shot('1-failed');
    writeFileSync(ws('answers/mem-sleep.txt'), 'deep\n');
    writeFileSync(ws('answers/edu-control.txt'), 'on\n');
    await check();
    await expect.poll(done, { timeout: 60_000 }).toBe('1/6 done');
  });

  it('step 2\'s Check builds and loads the starter driver and fails: edu never runtime-suspends', async () => {
    expect(await page.getByTestId('lab-step-text').textContent()).toContain('pm_runtime_use_autosuspend');
    await check();
    await expect.poll(result, { timeout: 300_000 }).toMatch(/✗[\s\S]*did not runtime-suspend after the delay/);
    expect(await done()).toBe('1/6 done');
    // The check loaded the learner's (starter) module on the live machine.
    expect(await shell('lsmod | grep -c ^edu_pm', 'lsmod')).toMatch(/^1$/m);
    await shot('2-failed');
  }, 400_000);

  it('the solution\'s driver, built and loaded by the learner, runtime-suspends edu in the Power view and passes step 2', async () => {
    await edit('edu_pm.c', solution('edu_pm.c'));
    await page.getByTestId('build-load').click();
    await expect.poll(() => page.getByTestId('build-message').textContent(), { timeout: 300_000 }).toMatch(/^Loaded edu_pm — 0000:00:02\.0 bound to edu_pm/);
    // Idle since its probe, edu suspends once runtime PM is allowed; reading liveness resumes it, and it suspends again after the delay.
    const st = `cat ${EDU}/power/runtime_status`;
    const out = await shell(`echo auto > ${EDU}/power/control; sleep 0.3; ${st}; cat ${EDU}/liveness > /dev/null; ${st}; sleep 0.3; ${st}`, 'rpm');
    expect(out).toMatch(/^suspended\nactive\nsuspended\nrpm-0$/m);
    await page.getByTestId('tab-power').click();
    await page.getByTestId('power-view').waitFor();
    await page.getByTestId('power-refresh').click();
    await expect.poll(() => page.getByTestId('power-view').locator('.info').textContent(), { timeout: 30_000 }).toMatch(/[1-9]\d* runtime PM changes/);
    // A readable row per device: the timeline is at least 16 px a row (the pane scrolls rather than pile the names up).
    expect((await page.getByTestId('power-rpm-chart').boundingBox())!.height).toBeGreaterThanOrEqual(200);
    await page.getByTestId('power-view').screenshot({ path: join(RESULTS, 'power-lab-3-runtime-suspend.png') });
    await passes(2);
    await shot('3-autosuspend-passed');
  }, 600_000);

  it('steps 3 to 6 pass on the same machine: the checks reload the driver (fail_suspend=1 for step 5), the learner writes the answers and wake.sh', async () => {
    expect(await stepText()).toContain('pm_runtime_resume_and_get');
    await passes(3);
    expect(await stepText()).toContain('SET_SYSTEM_SLEEP_PM_OPS');
    await passes(4);
    expect(await stepText()).toContain('fail_suspend=1');
    await edit('answers/failed-suspend.txt', solution('answers/failed-suspend.txt'));
    await passes(5);
    expect(await shell('cat /sys/power/suspend_stats/last_failed_step', 'stats')).toMatch(/^suspend\nstats-0$/m);
    expect(await stepText()).toContain('rtcwake');
    await edit('wake.sh', solution('wake.sh'));
    // Step 5's check left edu_pm loaded with fail_suspend=1: the learner unloads it, as step 6 says.
    await shell('rmmod edu_pm', 'rmmod');
    await passes(6);
    await shot('6-done');
    expect(problems).toEqual([]);
  }, 1_200_000);
});
