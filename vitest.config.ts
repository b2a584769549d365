// Unit and integration tests: kernel-sim, main and the CLI in node; renderer components in happy-dom.
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/kernel-sim/**/*.test.ts', 'test/main/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/labs/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
