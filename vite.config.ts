import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The SPA lives in web/ and is built into dist/web, which `otklik serve` serves (it builds on first start).
export const config = defineConfig({
  // absolute, so the build works from any working directory (otklik serve builds it on first start)
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('./dist/web', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
 
export default config;
