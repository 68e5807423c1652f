// The project office in a real browser at 1366×768: the block owner drafts a project passport with an indicator
// computed from the platform's figures, the head returns it with a comment and then agrees it, the curator approves
// it; the project's page shows plan and fact by month, the control points and the risks; the head sees the
// cross-project risk register. Screenshots go to test-results/screenshots/projects-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { findChromium, launchChromium } from './browser';
import { accessibilityProblems } from './accessibility';
import { startE2eServer, type E2eServer } from './e2e-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const STEP_MS = 90_000;
const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('проектный офис в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let projectUrl = '';
  const now = new Date();
  // the Moscow month of the server's clock (the e2e server fixes it at start)
  const moscow = new Date(now.getTime() + 3 * 3_600_000);
  const year = moscow.getUTCFullYear();
  const month = moscow.getUTCMonth() + 1;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer({ demoCount: 40 });
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
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const step = (name: string, fn: () => Promise<void>) =>
    it(
      name,
      async () => {
        problems = [];
        try {
          await fn();
        } catch (error) {
          await page
            .screenshot({
              path: path.join(SHOTS, `projects-failed-${name.replace(/[^\p{L}\d]+/gu, '-')}.png`),
              fullPage: true,
            })
            .catch(() => undefined);
          throw error;
        }
        expect(problems, 'ошибки в консоли браузера').toEqual([]);
      },
      STEP_MS,
    );

  async function as(login: string, hash: string): Promise<void> {
    const signOut = page.getByRole('button', { name: 'Выйти' });
    if (await signOut.count()) {
      await signOut.click();
      await page.getByRole('heading', { name: 'Вход' }).waitFor();
    }
    await page.goto(`${server.url}/#${hash}`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  }
  const actions = () => page.getByRole('group', { name: 'Действия с паспортом' });
  const status = () => page.getByTestId('passport-status');

  step('ответственный за блок создаёт паспорт с показателем по данным платформы и направляет его', async () => {
    await as('block_owner', '/projects');
    await page.getByRole('heading', { name: 'Проекты и программы' }).waitFor();
    await page.getByRole('button', { name: 'Новый проект' }).click();
    await page.getByLabel('Наименование проекта').fill('Тёплый дом');
    await page.getByLabel('Цели').fill('Сократить число жалоб на отопление');
    await page
      .getByLabel('Контрольные точки')
      .fill(`15.04.${year} Проект котельной согласован\n01.10.${year} Пуск котельной`);
    await page.getByLabel('Команда').fill('Иванов И. И.; аналитик; 50');
    await page.getByRole('button', { name: 'Добавить показатель' }).click();
    await page.getByLabel('Код', { exact: true }).fill('volume');
    await page.getByLabel('Наименование', { exact: true }).fill('Обращения за месяц');
    await page.getByLabel('Единица', { exact: true }).fill('шт.');
    await page.getByLabel('Методика расчёта').fill('Число обращений, поступивших за месяц');
    await page.getByLabel('Источник факта').selectOption('case_volume');
    await page
      .getByLabel('План', { exact: false })
      .last()
      .fill(`${year}-${String(month).padStart(2, '0')}: 500`);
    await page.getByRole('button', { name: 'Создать черновик паспорта' }).click();
    await page.getByRole('heading', { name: 'Тёплый дом' }).waitFor();
    projectUrl = page.url();
    await expect.poll(() => status().textContent()).toBe('Черновик');
    await actions().getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => status().textContent()).toBe('На согласовании');
    expect(await actions().getByRole('button', { name: 'Направить на согласование' }).count()).toBe(0);
  });

  step('руководитель ЦУР возвращает паспорт с комментарием', async () => {
    await as('head', new URL(projectUrl).hash.slice(1));
    await expect.poll(() => status().textContent()).toBe('На согласовании');
    expect(await actions().getByRole('button', { name: 'Утвердить' }).count()).toBe(0);
    await actions().getByRole('button', { name: 'Вернуть на доработку' }).click();
    await actions().getByRole('alert').filter({ hasText: 'Укажите в комментарии' }).waitFor();
    await actions().getByLabel('Комментарий').fill('Добавьте риски проекта');
    await actions().getByRole('button', { name: 'Вернуть на доработку' }).click();
    await expect.poll(() => status().textContent()).toBe('Черновик');
    expect(await page.getByRole('group', { name: 'Действия с паспортом' }).count()).toBe(0);
  });

  step('ответственный видит замечание, добавляет риск и направляет снова; руководитель согласует', async () => {
    await as('block_owner', new URL(projectUrl).hash.slice(1));
    await page.getByRole('cell', { name: 'Добавьте риски проекта' }).waitFor();
    const riskForm = page.getByRole('form', { name: 'Новый риск' });
    await riskForm.getByLabel('Риск').fill('Срыв поставки оборудования');
    await riskForm.getByLabel('Владелец').fill('Иванов И. И.');
    await riskForm.getByLabel('Вероятность').selectOption('4');
    await riskForm.getByLabel('Влияние').selectOption('4');
    await riskForm.getByRole('button', { name: 'Добавить риск' }).click();
    await page.getByRole('cell', { name: /4 × 4 = 16/ }).waitFor();
    await actions().getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => status().textContent()).toBe('На согласовании');
    await as('head', new URL(projectUrl).hash.slice(1));
    await actions().getByRole('button', { name: 'Согласовать' }).click();
    await expect.poll(() => status().textContent()).toBe('На утверждении');
  });

  step('куратор утверждает; страница показывает план и факт по месяцам, контрольные точки и риски', async () => {
    await as('curator', new URL(projectUrl).hash.slice(1));
    await actions().getByRole('button', { name: 'Утвердить' }).click();
    await expect.poll(() => status().textContent(), { timeout: 15_000 }).toBe('Утверждён'); // approval renders the document
    await page.getByText('утверждённая редакция 1').waitFor();
    const r = await sql<{
      n: string;
    }>`select count(*) as n from cases where merged_into_id is null and status <> 'rejected'
      and created_at >= ${new Date(Date.UTC(year, month - 1, 1) - 3 * 3_600_000)} and created_at < ${new Date(Date.UTC(year, month, 1) - 3 * 3_600_000)}`.execute(
      server.services.database.db,
    );
    const expected = Number(r.rows[0]?.n ?? 0).toLocaleString('ru-RU');
    const table = page.getByRole('table', { name: 'План и факт: Обращения за месяц' });
    const cells = async (row: string) =>
      table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: row }) })
        .getByRole('cell')
        .allTextContents();
    expect((await cells('План'))[month - 1]).toBe('500');
    expect((await cells('Факт'))[month - 1]).toBe(expected);
    if (month < 12) expect((await cells('Факт'))[month]).toBe('—');
    await page.getByText(`15.04.${year}`).first().waitFor();
    await page.getByText('Срыв поставки оборудования').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'projects-page.png'), fullPage: true });
    expect(await accessibilityProblems(page), 'доступность (axe-core, контраст)').toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'без горизонтальной прокрутки при 1366×768',
    ).toBe(true);
  });

  step('руководитель видит реестр рисков по всем проектам и эскалирует риск куратору', async () => {
    await as('head', '/risks');
    await page.getByRole('heading', { name: 'Реестр рисков по всем проектам' }).waitFor();
    await page.getByRole('link', { name: 'Тёплый дом' }).waitFor();
    page.once('dialog', (d) => void d.accept('Нужно решение по поставщику'));
    await page.getByRole('button', { name: 'Эскалировать куратору' }).click();
    await page.getByText(/эскалирован куратору/).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'projects-risks.png'), fullPage: true });
  });

  step('состав рабочей группы: ответственный за блок предлагает, куратор возвращает, затем утверждает', async () => {
    const docActions = () => page.getByRole('group', { name: 'Действия с документом' });
    const docStatus = () => page.getByTestId('office-doc-status');
    await as('block_owner', '/po-documents');
    const form = page.getByRole('form', { name: 'Новый состав группы' });
    await form.getByLabel('Название группы').fill('Рабочая группа по отоплению');
    await form
      .getByLabel('Участники')
      .fill('Иванов И. И.; руководитель группы; Департамент ЖКХ\nПетров П. П.; эксперт; ЯрГУ');
    await form.getByRole('button', { name: 'Создать черновик' }).click();
    await page.getByRole('region', { name: 'Состав группы' }).getByText('Петров П. П., эксперт (ЯрГУ)').waitFor();
    await docActions().getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => docStatus().textContent()).toBe('На утверждении');
    await as('head', '/po-documents');
    await page.getByRole('button', { name: 'Рабочая группа по отоплению' }).click();
    await expect.poll(() => docStatus().textContent()).toBe('На утверждении');
    expect(await docActions().count(), 'руководитель не участвует в утверждении состава группы').toBe(0);
    await as('curator', '/po-documents');
    await page.getByRole('button', { name: 'Рабочая группа по отоплению' }).click();
    await docActions().getByLabel('Комментарий').fill('Включите представителя муниципалитета');
    await docActions().getByRole('button', { name: 'Вернуть на доработку' }).click();
    await expect.poll(() => docStatus().textContent()).toBe('Черновик');
    await as('block_owner', '/po-documents');
    await page.getByRole('button', { name: 'Рабочая группа по отоплению' }).click();
    await page.getByRole('cell', { name: 'Включите представителя муниципалитета' }).waitFor();
    await docActions().getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => docStatus().textContent()).toBe('На утверждении');
    await as('curator', '/po-documents');
    await page.getByRole('button', { name: 'Рабочая группа по отоплению' }).click();
    await docActions().getByRole('button', { name: 'Утвердить' }).click();
    await expect.poll(() => docStatus().textContent(), { timeout: 15_000 }).toBe('Утверждён'); // approval renders the document
    await page.getByText(/Редакция 1: утвердил/).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'projects-groups.png'), fullPage: true });
  });

  step('структура центра: кто отвечал за блок на выбранную дату', async () => {
    const ctx = {
      db: server.services.database.db,
      services: server.services,
      inTransaction: false,
      actor: { kind: 'system', label: 'Система' },
    } as const;
    const { addAssignment, endAssignment } = await import('../../server/features/projects/centre-structure');
    const head = {
      ...ctx,
      actor: {
        kind: 'user',
        userId: 0,
        login: 'head',
        role: 'head',
        organisationId: null,
        blockCode: null,
        label: 'Руководитель',
      },
    } as const;
    const first = await addAssignment(head, {
      person: 'Иванов И. И.',
      userId: null,
      role: 'block_owner',
      blockCode: 'zhkh',
      direction: '',
      fromDate: '2025-01-01',
      toDate: null,
    });
    await endAssignment(head, first.id, '2025-12-31');
    await addAssignment(head, {
      person: 'Петров П. П.',
      userId: null,
      role: 'block_owner',
      blockCode: 'zhkh',
      direction: '',
      fromDate: '2026-01-01',
      toDate: null,
    });
    await as('auditor', '/centre');
    await page.getByRole('cell', { name: 'Петров П. П.' }).waitFor();
    await page.getByLabel('Дата').fill('15.06.2025');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page
      .getByRole('table', { name: 'Структура центра на 15.06.2025' })
      .getByRole('cell', { name: 'Иванов И. И.' })
      .waitFor();
    expect(await page.getByRole('cell', { name: 'Петров П. П.' }).count()).toBe(0);
    await page.getByLabel('Дата').fill('2025-06-15');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.getByRole('alert').filter({ hasText: 'ДД.ММ.ГГГГ' }).waitFor();
  });
});
