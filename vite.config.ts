// Vite build of the renderer: renderer/index.html → dist/renderer/, relative asset paths so file:// and custom protocols work.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Monaco's editor core is one 4.2 MB chunk (vite counts 1000-byte kB), loaded only after the shell prompt is up
    // (renderer/src/startup.ts); every other chunk stays far below this.
    chunkSizeWarningLimit: 4400,
    // Plugin timings depend on how busy the machine is, not on the app: no warnings about them.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
