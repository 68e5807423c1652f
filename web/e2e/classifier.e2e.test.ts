// «Качество классификатора» and «Разбор „прочих“» in a real browser at 1366×768: an administrator sees the accuracy by
// month on the demo data and the versions (none retrained yet); the «прочие» screen states its rules and findings.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { findChromium, launchChromium } from './browser';
import { startE2eServer, type E2eServer } from './e2e-server';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('качество классификатора и разбор «прочих» в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startE2eServer({ demoCount: 60 });
    browser = await launchChromium(chromiumPath ?? '');
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 768 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('администратор видит точность по месяцам, категории с падением и версии; «прочие» объясняют правила', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByLabel('Логин').fill('admin');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('link', { name: 'Классификатор', exact: true }).click();
    await page.getByRole('heading', { name: 'Качество классификатора', level: 1 }).waitFor();
    const months = page.getByRole('table', { name: 'Точность по месяцам' });
    await months.waitFor();
    expect(await months.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await months.locator('tbody tr td').first().textContent()).toMatch(/^\d\d\.\d{4}$/);
    expect(await months.locator('tbody tr td').nth(2).textContent()).toMatch(/^\d+(,\d)? %$/);
    await page.getByRole('heading', { name: 'Категории, где точность упала в последнем месяце' }).waitFor();
    await page.getByText('Переобученных версий нет: работает встроенная модель.').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'страница помещается в 1366 точек по ширине').toBeLessThanOrEqual(1366);

    await page.getByRole('link', { name: 'Разбор «прочих»' }).click();
    await page.getByRole('heading', { name: 'Разбор «прочих»', level: 1 }).waitFor();
    expect(await page.getByTestId('clusters-rules').textContent()).toMatch(
      /не меньше 2 сообщений.*не меньше\s+6 сообщений.*не ниже 0,5/s,
    );
    expect(await page.getByTestId('clusters-found').textContent()).toMatch(/За период в «прочих» \d+ сообщени/);
    expect(problems).toEqual([]);
  }, 120_000);
});
