// The build server (build-service.ts) and its client (build-client.ts): builds take turns for concurrent clients, an idle server stops, a live one is never replaced, and clients fall back to building in-process.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, serverAddress, startBuildServer, type BuildServer } from '../../../kernel-sim/host/build-service.ts';
import { remoteBuilder, serverId, type Builder } from '../../../kernel-sim/host/build-client.ts';
import type { BuildRequest, BuildResult } from '../../../kernel-sim/toolchain/build.ts';
import { scratchDirs } from '../../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

/** A builder that answers with the source's bytes reversed and records how many builds overlap. */
function echoBuilder(): Builder & { maxOverlap: number; calls: number } {
  let running = 0;
  const b = {
    maxOverlap: 0, calls: 0,
    async build(req: BuildRequest): Promise<BuildResult> {
      b.calls++;
      running++;
      b.maxOverlap = Math.max(b.maxOverlap, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      const text = req.sources[0]!.text;
      const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      return { ok: true, wasm: bytes.slice().reverse(), diagnostics: [], log: `built ${req.sources[0]!.path}\n` };
    },
  };
  return b;
}

const req = (path: string, text: string): BuildRequest => ({ mode: 'kernel', sources: [{ path, text }] });
const text = (r: BuildResult): string => new TextDecoder().decode(r.wasm);
const neverFallback = (): Builder => { throw new Error('fell back to in-process'); };

function setup(): { dir: string; entry: string; include: string; address: ReturnType<typeof serverAddress>; id: string } {
  const dir = join(tmp.make('kwb-build-server-'), 'run');
  ensurePrivateDir(dir);
  // A client only spawns this entry when no server answers; these tests start servers in-process.
  const entry = join(dir, 'no-such-server.js');
  const include = '/nonexistent/include';
  const id = serverId(entry, include);
  return { dir, entry, include, id, address: serverAddress(dir, id) };
}

describe('build server', () => {
  it('names one server per bundle entry and include folder, as 16 hex digits', () => {
    const id = serverId('/a/dist/cli/0123456789abcdef/kwb-build-server.js', '/a/resources/include');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(serverId('/a/dist/cli/0123456789abcdef/kwb-build-server.js', '/a/resources/include')).toBe(id);
    expect(serverId('/a/dist/cli/0123456789abcdee/kwb-build-server.js', '/a/resources/include')).not.toBe(id);
    expect(serverId('/a/dist/cli/0123456789abcdef/kwb-build-server.js', '/b/resources/include')).not.toBe(id);
    // The separator counts: moving text between the two never names the same server.
    expect(serverId('/x/y', 'z')).not.toBe(serverId('/x', 'y/z'));
  });

  it('serves two clients building at once, one build at a time, each its own result', async () => {
    const s = setup();
    const echo = echoBuilder();
    const server = (await startBuildServer({ address: s.address, id: s.id, build: (r) => echo.build(r) }))!;
    try {
      const a = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, fallback: neverFallback });
      const b = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, fallback: neverFallback });
      const results = await Promise.all([
        a.build(req('a.c', 'abc')), b.build(req('b.c', 'xyz')), a.build(req('c.c', '123')), b.build(req('d.c', 'hello')),
      ]);
      expect(results.map(text)).toEqual(['cba', 'zyx', '321', 'olleh']);
      expect(results.map((r) => r.log)).toEqual(['built a.c\n', 'built b.c\n', 'built c.c\n', 'built d.c\n']);
      expect(a.via).toBe('server');
      expect(b.via).toBe('server');
      expect(echo.maxOverlap).toBe(1);
      expect((await a.ping())?.builds).toBe(4);
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });

  it('passes a failing build back as a thrown error, not a fallback', async () => {
    const s = setup();
    const server = (await startBuildServer({ address: s.address, id: s.id, build: async () => { throw new Error('clang crashed'); } }))!;
    try {
      const c = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, fallback: neverFallback });
      await expect(c.build(req('a.c', 'x'))).rejects.toThrow('clang crashed');
      c.close();
    } finally {
      await server.close();
    }
  });

  it('stops when idle, removing its socket and lock', async () => {
    const s = setup();
    let closed!: () => void;
    const done = new Promise<void>((r) => { closed = r; });
    const server = await startBuildServer({ address: s.address, id: s.id, idleMs: 50, build: (r) => echoBuilder().build(r), onClose: () => closed() });
    expect(server).not.toBeNull();
    const c = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, fallback: neverFallback });
    expect(text(await c.build(req('a.c', 'ab')))).toBe('ba');
    await done;
    expect(existsSync(s.address.socket)).toBe(false);
    expect(existsSync(s.address.lock)).toBe(false);
  });

  it('never starts a second server next to a live one, and replaces a dead one', async () => {
    const s = setup();
    const first = (await startBuildServer({ address: s.address, id: s.id, build: (r) => echoBuilder().build(r) }))!;
    expect(await startBuildServer({ address: s.address, id: s.id, build: (r) => echoBuilder().build(r) })).toBeNull();
    await first.close();
    // A server that died without cleaning up: its lock names a process that is gone, its socket file is left behind.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(s.address.lock, dead.stdout);
    writeFileSync(s.address.socket, '');
    let second: BuildServer | null = null;
    try {
      second = await startBuildServer({ address: s.address, id: s.id, build: (r) => echoBuilder().build(r) });
      expect(second).not.toBeNull();
      const c = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, fallback: neverFallback });
      expect(text(await c.build(req('a.c', 'xy')))).toBe('yx');
      c.close();
    } finally {
      await second?.close();
    }
  });
});

describe('build client fallback', () => {
  it('builds in-process when no server can be started', async () => {
    const s = setup();
    const local = echoBuilder();
    // The server entry does not exist: the spawned node exits at once and nothing ever listens.
    const c = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, startTimeoutMs: 10_000, fallback: () => local });
    expect(text(await c.build(req('a.c', 'abc')))).toBe('cba');
    expect(c.via).toBe('in-process');
    expect(local.calls).toBe(1);
  });

  it('builds in-process when the runtime folder is open to other users', async () => {
    const s = setup();
    const open = join(s.dir, 'shared');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const local = echoBuilder();
    const c = remoteBuilder({ dir: open, serverEntry: s.entry, includeDir: s.include, fallback: () => local });
    expect(text(await c.build(req('a.c', 'abc')))).toBe('cba');
    expect(c.via).toBe('in-process');
    expect(() => ensurePrivateDir(open)).toThrow(/open to other users/);
  });

  it('rebuilds in-process when the server goes away in the middle of a build', async () => {
    const s = setup();
    let started!: () => void;
    const inBuild = new Promise<void>((r) => { started = r; });
    const server = (await startBuildServer({ address: s.address, id: s.id, build: () => { started(); return new Promise<BuildResult>(() => {}); } }))!;
    const local = echoBuilder();
    const c = remoteBuilder({ dir: s.dir, serverEntry: s.entry, includeDir: s.include, fallback: () => local });
    const pending = c.build(req('a.c', 'abc'));
    await inBuild;
    await server.close();
    expect(text(await pending)).toBe('cba');
    expect(c.via).toBe('in-process');
  });
});
