// The end of a browser step: a full-page screenshot, no accessibility problems (axe-core, contrast) and no console
// errors since the last check.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accessibilityProblems } from './accessibility';

/** `problems` is emptied: each check sees only what happened since the previous one. */
export async function expectCleanScreen(page: Page, shotsDir: string, shot: string, problems: string[]): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: path.join(shotsDir, `${shot}.png`), fullPage: true });
  expect(await accessibilityProblems(page), `доступность (axe-core, контраст) экрана ${shot}`).toEqual([]);
  expect(problems.splice(0), 'ошибки в консоли браузера').toEqual([]);
}
