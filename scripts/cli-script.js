// Runs the kwb CLI from its CommonJS script (scripts/build.js buildCliScript) with V8's code cache kept beside it.
//
// Node 20 compiles an ES module from its source on every start and keeps nothing: a kwb that boots a machine spent
// ~0.5 s of CPU (load 14-18) compiling the 3.5 MB kernel chunk and then, lazily, the functions its first boot calls.
// A classic script can be compiled against a code cache (vm.Script cachedData), so `kwb run`, `kwb shell` and
// `kwb lab` load the same CLI as one script, and the first of them writes the cache (the functions that run had
// been compiled by then); a cache V8 rejects (another Node) is written again. `kwb build` stays on the small ES
// module path: its client needs none of the kernel.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

// Its name, from the build that writes it (which every kwb has imported by then: it checks the bundle is fresh).
import { CLI_SCRIPT } from './build.js';

export { CLI_SCRIPT };

/** Its code cache, written by the first kwb that ran it. */
export const CLI_SCRIPT_CACHE = 'kwb-script.cache';

/**
 * The CLI of the bundle whose ES module entry is `entryFile`, compiled from its script with the code cache when there
 * is one; null when the bundle has no script. `saveCache(command)` then writes the cache again when V8 rejected it
 * (another Node) or `command` (`run`, `lab check` ...) has not run with it yet: the cache holds what was compiled
 * when it was made, and each command compiles functions of its own. A folder that cannot be written (an installed
 * copy) keeps running without a cache.
 */
export function loadCliScript(entry) {
  const entryFile = resolve(entry);
  const dir = dirname(entryFile);
  const file = join(dir, CLI_SCRIPT);
  if (!existsSync(file)) return null;
  const cacheFile = join(dir, CLI_SCRIPT_CACHE);
  const commandsFile = `${cacheFile}.commands`;
  let cachedData;
  try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }
  // One line of wrapper before the source's first character, so stack traces keep the script's line numbers.
  const source = `(function (exports, require, module, __filename, __dirname, __kwbModuleUrl, __kwbImport) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  // The script's imports of the bundle's ES chunks (clang's glue, binaryen) are relative to its folder.
  const importChunk = (spec) => import(spec.startsWith('./') ? new URL(spec, pathToFileURL(file)).href : spec);
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir, pathToFileURL(entryFile).href, importChunk);
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  return {
    main: module.exports.main,
    cacheUsed,
    saveCache(command) {
      let commands = [];
      if (cacheUsed) {
        try { commands = readFileSync(commandsFile, 'utf8').split('\n').filter(Boolean); } catch { /* none yet */ }
        if (commands.includes(command)) return;
      }
      const write = (path, data) => {
        const tmp = `${path}.${process.pid}.tmp`;
        try {
          writeFileSync(tmp, data);
          renameSync(tmp, path);
        } catch {
          rmSync(tmp, { force: true });
        }
      };
      write(cacheFile, script.createCachedData());
      write(commandsFile, [...commands, command].join('\n') + '\n');
    },
  };
}
