// Lint rules, including the layer boundaries of DESIGN.md: layers import downward only.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import kernel from './scripts/eslint/kernel-rules.js';

/** Node's modules by exact name (a pattern like 'fs' would also match our own kernel-sim/fs/ folder). */
const nodeModules = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'crypto', 'stream', 'util', 'events', 'module', 'process', 'buffer', 'timers', 'perf_hooks', 'vm'];
const nodePaths = (message) => nodeModules.map((name) => ({ name, message }));
const restrict = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'resources/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // Generators can't be arrow functions, so kernel and user code name `this` as self.
      '@typescript-eslint/no-this-alias': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // kernel-sim proper: nothing from main/, renderer/, Electron, the DOM or Node.
  {
    files: ['kernel-sim/**/*.ts'],
    ignores: ['kernel-sim/host/**'],
    rules: restrict([
      { group: ['**/main/**', '**/renderer/**', 'electron', 'electron/*'], message: 'kernel-sim imports nothing from main/, renderer/ or Electron.' },
      { group: ['**/host/**', '!**/usb/host/**'], message: 'Only hosts import kernel-sim, never the other way round.' },
      { group: ['node:*'], message: 'Only kernel-sim/host/ may use Node APIs.' },
    ], nodePaths('Only kernel-sim/host/ may use Node APIs.')),
    languageOptions: { globals: { ...globals.es2021 } },
  },
  // kernel-sim proper: units register through their folder's Kbuild.ts, and per-boot state lives in defineState() slots.
  {
    files: ['kernel-sim/**/*.ts'],
    plugins: { kernel },
    rules: { 'kernel/no-side-effect-import': 'error' },
  },
  {
    files: ['kernel-sim/**/*.ts'],
    // host/ runs one process per window; toolchain/ and scripts/ are host-side compilers whose caches hold pure results.
    ignores: ['kernel-sim/host/**', 'kernel-sim/toolchain/**', 'kernel-sim/scripts/**'],
    plugins: { kernel },
    rules: { 'kernel/no-boot-global': 'error' },
  },
  // kernel-sim hosts: may use Node, never main/ or renderer/.
  {
    files: ['kernel-sim/host/**/*.ts'],
    rules: restrict([
      { group: ['**/main/**', '**/renderer/**', 'electron', 'electron/*'], message: 'kernel-sim hosts import nothing from main/, renderer/ or Electron.' },
    ]),
    languageOptions: { globals: { ...globals.node } },
  },
  // renderer: only type definitions from kernel-sim/api/ (type-only imports are erased at build).
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', 'electron', 'electron/*'], message: 'The renderer reaches main only through window.workbench.' },
          { group: ['**/kernel-sim/*', '!**/kernel-sim/api', '**/kernel-sim/!(api)/**'], message: 'The renderer imports only kernel-sim/api/.' },
          { group: ['**/kernel-sim/api/**', '**/kernel-sim/api'], allowTypeImports: true, message: 'The renderer imports only type definitions from kernel-sim/api/ (use `import type`).' },
          { group: ['node:*'], message: 'The renderer runs sandboxed: no Node APIs.' },
        ],
        paths: nodePaths('The renderer runs sandboxed: no Node APIs.'),
      }],
    },
    languageOptions: { globals: { ...globals.browser } },
  },
  // main: kernel-sim/api and host entries only; no renderer.
  {
    files: ['main/**/*.ts'],
    rules: restrict([
      { group: ['**/renderer/**'], message: 'main/ does not import the renderer.' },
      { group: ['**/kernel-sim/!(api|host)/**'], message: 'main/ imports only kernel-sim/api/ and kernel-sim/host/.' },
    ]),
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'test/**/*.ts', '*.config.ts', '*.config.js', 'labs/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The Electron stand-in is CommonJS because the main bundle require()s 'electron' and the utility shim loads with --require.
    files: ['test/e2e/electron/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
