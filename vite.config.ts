import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rollup } from 'vite';

const BOOT = fileURLToPath(new URL('./web/src/boot/first-screen.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('./web/src/main.tsx', import.meta.url));
/** The screens that open first, most days: the modules they share with other screens travel in the `app` chunk. */
const FIRST_SCREENS = ['./web/src/inbox/inbox-page.tsx', './web/src/dashboard/dashboard-page.tsx'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

/** A module and everything it imports statically (not what it imports with import()). */
function staticClosure(from: string, getModuleInfo: Rollup.GetModuleInfo, check?: (id: string) => void): Set<string> {
  const closure = new Set<string>();
  const walk = (moduleId: string): void => {
    if (closure.has(moduleId)) return;
    closure.add(moduleId);
    check?.(moduleId);
    for (const next of getModuleInfo(moduleId)?.importedIds ?? []) walk(next);
  };
  walk(from);
  return closure;
}

/**
 * The boot script (web/src/boot/first-screen.ts) and everything it imports form a chunk of their own, evaluated
 * before the chunk holding zod and React, so its requests go out first. A package in that closure fails the
 * build: it would drag the heavy code back in front.
 * What the app's entry (main.tsx) imports statically — React, zod, the shell, the router, the contexts — is one
 * chunk, `app`: the screens' chunks, which the boot script may load before the entry, share modules with it, and
 * left to itself the bundler cut those into a dozen small chunks, each a request of its own on the way to the
 * first rows. The first screens' own imports (no packages) join it for the same reason; the screens themselves
 * stay chunks of their own. The groups are rolldown's codeSplitting groups, `boot` with the higher priority: a group
 * takes its modules' imports along, and as one manualChunks function `app` took the boot script's modules, so the
 * boot script ran only after the whole app chunk had arrived.
 */
function chunkGroups(): {
  name: (id: string, ctx: { getModuleInfo: Rollup.GetModuleInfo }) => string | null;
  debugName: string;
  priority: number;
}[] {
  let boot: Set<string> | null = null;
  let app: Set<string> | null = null;
  const bootOf = (getModuleInfo: Rollup.GetModuleInfo): Set<string> =>
    (boot ??= staticClosure(BOOT, getModuleInfo, (moduleId) => {
      if (moduleId.includes('/node_modules/')) throw new Error(`the boot script must not import packages: ${moduleId}`);
    }));
  const appOf = (getModuleInfo: Rollup.GetModuleInfo): Set<string> => {
    if (!app) {
      app = staticClosure(MAIN, getModuleInfo);
      for (const screen of FIRST_SCREENS) {
        for (const moduleId of staticClosure(screen, getModuleInfo))
          if (!moduleId.includes('/node_modules/') && !FIRST_SCREENS.includes(moduleId)) app.add(moduleId);
      }
      for (const moduleId of bootOf(getModuleInfo)) app.delete(moduleId);
      app.delete(MAIN);
    }
    return app;
  };
  return [
    {
      name: (id, ctx) => (bootOf((m) => ctx.getModuleInfo(m)).has(id) ? 'boot' : null),
      debugName: 'boot',
      priority: 2,
    },
    {
      name: (id, ctx) => (appOf((m) => ctx.getModuleInfo(m)).has(id) && !id.endsWith('.css') ? 'app' : null),
      debugName: 'app',
      priority: 1,
    },
  ];
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
      output: { codeSplitting: { groups: chunkGroups() } },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

export default config;
