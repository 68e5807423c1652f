// The registry of official documents in a real browser (Debian's Chromium through playwright-core): the curator
// approves the indicator set, sees it with its number, date and SHA-256, downloads the exact bytes and attaches a
// detached signature; an executor is refused the screen. At 1366×768, in Russian, with no console errors.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { findChromium, launchChromium } from './browser';
import { accessibilityProblems } from './accessibility';
import { startE2eServer, type E2eServer } from './e2e-server';

const SHOTS = path.join(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  'test-results',
  'screenshots',
);
const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('реестр официальных документов в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let year = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer();
    year = Number(new Date().toISOString().slice(0, 4));
    browser = await launchChromium(chromiumPath ?? '');
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 768 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/403/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(login: string): Promise<void> {
    await page.goto(`${server.url}/#/documents`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  }

  it('куратор утверждает перечень показателей, видит документ, скачивает ровно утверждённые байты и прикладывает подпись', async () => {
    await signIn('curator');
    await page.getByRole('heading', { name: 'Официальные документы' }).waitFor();
    await page.getByText('Зарегистрированных документов пока нет.').waitFor();
    await page.getByRole('button', { name: `Утвердить перечень показателей на ${year} год` }).click();
    await page.getByText(`Перечень утверждён: № ПП-${year}/1`).waitFor();
    const row = page.getByRole('row').filter({ hasText: `ПП-${year}/1` });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Перечень показателей ЦУР');
    await expect(row.getByText(/^\d\d\.\d\d\.\d{4}$/).count()).resolves.toBeGreaterThan(0);

    const href = await row.getByRole('link', { name: 'PDF' }).getAttribute('href');
    const file = await page.evaluate(async (h) => {
      const r = await fetch(h ?? '');
      return { sha: r.headers.get('x-content-sha256'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
    }, href);
    expect(createHash('sha256').update(Uint8Array.from(file.bytes)).digest('hex')).toBe(file.sha);
    await expect(row.locator('code').first().getAttribute('title')).resolves.toBe(file.sha);

    await row.getByLabel(`Приложить подпись к документу ПП-${year}/1`).setInputFiles({
      name: 'podpis-kuratora.p7s',
      mimeType: 'application/pkcs7-signature',
      buffer: Buffer.from('0\x82 CMS'),
    });
    await row.getByRole('link', { name: 'podpis-kuratora.p7s' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'documents-registry.png'), fullPage: true });
    expect(await accessibilityProblems(page), 'доступность (axe-core, контраст)').toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'страница без горизонтальной прокрутки на 1366 px').toBeLessThanOrEqual(1366);
    expect(problems).toEqual([]);
  }, 120_000);

  it('исполнителю раздел недоступен', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await signIn('executor');
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await expect(page.getByRole('link', { name: 'Документы', exact: true }).count()).resolves.toBe(0);
  }, 60_000);
});
