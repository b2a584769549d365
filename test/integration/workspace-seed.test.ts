// The starter workspace's edu driver is the tested reference driver: the copy shipped in resources/ may not drift from the fixture CI builds with kbuild.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

describe('resources/workspace/edu', () => {
  it('has exactly the files of test/fixtures/drivers/edu, byte for byte', () => {
    const seed = join(ROOT, 'resources/workspace/edu');
    const fixture = join(ROOT, 'test/fixtures/drivers/edu');
    expect(readdirSync(seed).sort()).toEqual(readdirSync(fixture).sort());
    for (const f of readdirSync(seed)) expect(readFileSync(join(seed, f)).equals(readFileSync(join(fixture, f))), f).toBe(true);
  });
});
