// Debian's Chromium driven by playwright-core (never a downloaded browser): where it is and how to launch it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** OTKLIK_CHROMIUM (or the older OTKLIK_E2E_CHROMIUM), else the first Chromium on PATH; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.OTKLIK_CHROMIUM ?? env.OTKLIK_E2E_CHROMIUM;
  if (given) return existsSync(given) ? given : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of NAMES) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export function launchChromium(executablePath: string, extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium builds its omnibox and AI-mode popups as web pages (WebUI) and preloads both for every new window:
      // about 0.6 s of CPU in a renderer of their own, and Playwright opens every page as a new window. A person's
      // browser preloads them once per window, not for each page; without them a new page costs what a new tab does.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      ...extraArgs,
    ],
  });
}
