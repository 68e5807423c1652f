import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Rollup } from 'vite';

const BOOT = fileURLToPath(new URL('./web/src/boot/first-screen.ts', import.meta.url));

/**
 * The boot script (web/src/boot/first-screen.ts) and everything it imports form a chunk of their own, evaluated
 * before the chunk holding zod and React, so its requests go out first. A package in that closure fails the
 * build: it would drag the heavy code back in front.
 */
function bootChunk(): (id: string, meta: { getModuleInfo: Rollup.GetModuleInfo }) => string | undefined {
  let closure: Set<string> | null = null;
  return (id, { getModuleInfo }) => {
    if (!closure) {
      closure = new Set();
      const walk = (moduleId: string): void => {
        if (closure?.has(moduleId)) return;
        closure?.add(moduleId);
        if (moduleId.includes('/node_modules/'))
          throw new Error(`the boot script must not import packages: ${moduleId}`);
        for (const next of getModuleInfo(moduleId)?.importedIds ?? []) walk(next);
      };
      walk(BOOT);
    }
    return closure.has(id) ? 'boot' : undefined;
  };
}

// The SPA lives in web/ and is built into dist/web, which `otklik serve` serves (it builds on first start).
export const config = defineConfig({
  // absolute, so the build works from any working directory (otklik serve builds it on first start)
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { output: { manualChunks: bootChunk() } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

export default config;
