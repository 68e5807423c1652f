import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rollup } from 'vite';

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

/**
 * The boot script is an entry of its own, loaded by a `<script type="module" async>` of its own in front of the
 * app's: it runs as soon as its small chunk has arrived, without waiting for the app's module graph (React, zod,
 * the shared schemas) to be fetched, compiled and evaluated, so the opening screen's data and code are asked for
 * from the start. The app's entry imports it as well (main.tsx, and the Vite dev server, which serves main.tsx
 * alone); a module runs once, whichever asks first.
 */
function bootEntry(): Plugin {
  return {
    name: 'otklik-boot-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find(
          (c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry && c.facadeModuleId === BOOT,
        );
        if (!boot) throw new Error('the boot entry is missing from the build');
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('index.html has no module script');
        const tag = `<script type="module" async crossorigin src="/${boot.fileName}"></script>\n    `;
        return html.slice(0, at) + tag + html.slice(at);
      },
    },
  };
}

/** Chunks only a later part of a screen needs (the chart library, the map's outlines): compiled when they run. */
const LATER = ['/node_modules/echarts/', '/node_modules/zrender/', '.geo.'];

/**
 * Chromium compiles a function when it is first called, on the main thread, and keeps in its code cache only what
 * was compiled by then: so every visit compiled React's and the screens' functions again while rendering the first
 * rows. A file that begins with the magic comment `//# allFunctionsCalledOnLoad` (explicit compile hints) is compiled
 * whole while it streams in, off the main thread, and cached whole. Every chunk gets it but those of LATER.
 */
function compileHints(): Plugin {
  return {
    name: 'otklik-compile-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.moduleIds.some((id) => LATER.some((part) => id.includes(part)))) continue;
        chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  };
}

// The SPA lives in web/ and is built into dist/web, which `otklik serve` serves (it builds on first start).
export const config = defineConfig({
  // absolute, so the build works from any working directory (otklik serve builds it on first start)
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react(), bootEntry(), compileHints()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: fileURLToPath(new URL('./web/index.html', import.meta.url)), boot: BOOT },
      output: { manualChunks: bootChunk() },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

export default config;
