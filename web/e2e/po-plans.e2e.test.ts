// Progress reports and change requests in a real browser at 1366×768: on a project with an approved passport the
// block owner drafts a progress report (a control point done, one under threat, so a deviation must be explained),
// the head returns it, the block owner resubmits, the head agrees, the curator approves and it is registered; then a
// change request moves a control point, goes through a return and is approved, and the page shows passport version 2
// with what changed. Screenshots go to test-results/screenshots/po-plans-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/roles';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { rootContext } from '../../server/lib/context';
import { findChromium, launchChromium } from './browser';
import { accessibilityProblems } from './accessibility';
import { startE2eServer, type E2eServer } from './e2e-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const STEP_MS = 90_000;
const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('отчёты о ходе реализации и запросы на изменение в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let projectHash = '';
  const year = new Date(Date.now() + 3 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer({ demoCount: 0 });
    // a project whose passport the demo block owner, head and curator have already approved
    const { createProject, stepPassport } = await import('../../server/features/projects/projects');
    const actorOf = async (login: string) => {
      const u = await server.services.database.db
        .selectFrom('users')
        .select(['id', 'role', 'block_code', 'full_name'])
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
      return rootContext(server.services, {
        kind: 'user',
        userId: u.id,
        login,
        role: u.role as Role,
        organisationId: null,
        blockCode: u.block_code,
        label: u.full_name,
      });
    };
    const owner = await actorOf('block_owner');
    const created = await createProject(owner, {
      blockCode: owner.actor.kind === 'user' ? (owner.actor.blockCode ?? 'zhkh') : 'zhkh',
      kind: 'project',
      passport: {
        name: 'Чистый двор',
        goals: ['Убрать дворы'],
        socialResults: [],
        indicators: [],
        results: [],
        controlPoints: [
          { title: 'Договор подписан', date: `${year}-01-20` },
          { title: 'Дворы убраны', date: `${year}-12-28` },
        ],
        curator: '',
        head: '',
        administrator: '',
        team: [],
        risks: [],
        successCriteria: [],
      },
    });
    await stepPassport(owner, created.project.id, 'submit', '');
    await stepPassport(await actorOf('head'), created.project.id, 'agree', '');
    await stepPassport(await actorOf('curator'), created.project.id, 'approve', '');
    projectHash = `/projects/${created.project.id}`;
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
              path: path.join(SHOTS, `po-plans-failed-${name.replace(/[^\p{L}\d]+/gu, '-')}.png`),
              fullPage: true,
            })
            .catch(() => undefined);
          throw error;
        }
        expect(
          problems.filter((p) => !p.includes('400')),
          'ошибки в консоли браузера',
        ).toEqual([]);
      },
      STEP_MS,
    );

  async function as(login: string, where = projectHash, heading = 'Чистый двор'): Promise<void> {
    const signOut = page.getByRole('button', { name: 'Выйти' });
    if (await signOut.count()) {
      await signOut.click();
      await page.getByRole('heading', { name: 'Вход' }).waitFor();
    }
    await page.goto(`${server.url}/#${where}`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  const actions = () => page.getByRole('group', { name: 'Действия с документом' });
  const status = () => page.getByTestId('plan-doc-status');
  const open = (title: RegExp) => page.getByRole('button', { name: title }).click();

  step('ответственный за блок готовит отчёт: отклонение без причины не уходит, с причиной — направлен', async () => {
    await as('block_owner');
    await page.getByRole('button', { name: 'Новый отчёт' }).click();
    const form = page.getByRole('form', { name: 'Отчёт о ходе реализации' });
    await form.getByLabel('Выполнена: Договор подписан').fill(`25.01.${year}`);
    await form.getByLabel('Выполнена: Договор подписан').press('Enter');
    await form.getByLabel('Под угрозой: Дворы убраны').check();
    await form.getByRole('button', { name: 'Создать отчёт' }).click();
    await expect.poll(() => status().textContent()).toBe('Черновик');
    await page.getByRole('cell', { name: 'Контрольная точка «Дворы убраны»' }).waitFor();
    await page.getByRole('cell', { name: `25.01.${year}` }).waitFor();
    await actions().getByRole('button', { name: 'Направить на согласование' }).click();
    await actions()
      .getByText(/Объясните отклонение/)
      .waitFor();
    await actions().getByRole('button', { name: 'Изменить' }).click();
    const edit = page.getByRole('form', { name: 'Отчёт о ходе реализации' });
    await edit.getByLabel('Причина: Контрольная точка «Дворы убраны»').fill('Снегопад');
    await edit.getByLabel('Меры: Контрольная точка «Дворы убраны»').fill('Дополнительная техника');
    await edit.getByRole('button', { name: 'Сохранить отчёт' }).click();
    await page.getByRole('cell', { name: 'Дополнительная техника' }).waitFor();
    await actions().getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => status().textContent()).toBe('На согласовании');
  });

  step(
    'руководитель возвращает отчёт с комментарием; ответственный направляет снова; руководитель согласует',
    async () => {
      await as('head');
      await open(/Отчёт о ходе реализации «Чистый двор»/);
      await expect.poll(() => status().textContent()).toBe('На согласовании');
      await actions().getByLabel('Комментарий').fill('Уточните сроки техники');
      await actions().getByRole('button', { name: 'Вернуть на доработку' }).click();
      await expect.poll(() => status().textContent()).toBe('Черновик');
      await as('block_owner');
      await open(/Отчёт о ходе реализации «Чистый двор»/);
      await page.getByRole('cell', { name: 'Уточните сроки техники' }).waitFor();
      await actions().getByRole('button', { name: 'Направить на согласование' }).click();
      await expect.poll(() => status().textContent()).toBe('На согласовании');
      await as('head');
      await open(/Отчёт о ходе реализации «Чистый двор»/);
      await actions().getByRole('button', { name: 'Согласовать' }).click();
      await expect.poll(() => status().textContent()).toBe('На утверждении');
    },
  );

  step('куратор утверждает отчёт: он зарегистрирован с PDF и DOCX', async () => {
    await as('curator');
    await open(/Отчёт о ходе реализации «Чистый двор»/);
    await actions().getByRole('button', { name: 'Утвердить' }).click();
    await expect.poll(() => status().textContent(), { timeout: 15_000 }).toBe('Утверждён'); // approval renders the document
    await page.getByText(/зарегистрирована № ОХ-\d{4}\/\d+/).waitFor();
    await page.getByRole('link', { name: 'PDF' }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'po-plans-report.png'), fullPage: true });
    expect(await accessibilityProblems(page), 'доступность (axe-core, контраст)').toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'без горизонтальной прокрутки при 1366×768',
    ).toBe(true);
  });

  step(
    'запрос на изменение: ответственный переносит точку, руководитель возвращает, затем согласует, куратор утверждает',
    async () => {
      await as('block_owner');
      await page.getByRole('button', { name: 'Новый запрос на изменение' }).click();
      await page.getByLabel('Обоснование изменения').fill('Перенос из-за погоды');
      await page
        .getByRole('textbox', { name: /^Контрольные точки/ })
        .fill(`20.01.${year} Договор подписан\n15.03.${year + 1} Дворы убраны`);
      await page.getByRole('button', { name: 'Сохранить запрос' }).click();
      await page.getByRole('cell', { name: `15.03.${year + 1}` }).waitFor();
      await actions().getByRole('button', { name: 'Направить на согласование' }).click();
      await expect.poll(() => status().textContent()).toBe('На согласовании');
      await as('head');
      await open(/Изменение паспорта «Чистый двор»/);
      await actions().getByLabel('Комментарий').fill('Приложите письмо подрядчика');
      await actions().getByRole('button', { name: 'Вернуть на доработку' }).click();
      await expect.poll(() => status().textContent()).toBe('Черновик');
      await as('block_owner');
      await open(/Изменение паспорта «Чистый двор»/);
      await actions().getByRole('button', { name: 'Направить на согласование' }).click();
      await expect.poll(() => status().textContent()).toBe('На согласовании');
      await as('head');
      await open(/Изменение паспорта «Чистый двор»/);
      await actions().getByRole('button', { name: 'Согласовать' }).click();
      await expect.poll(() => status().textContent()).toBe('На утверждении');
      await as('curator');
      await open(/Изменение паспорта «Чистый двор»/);
      await actions().getByRole('button', { name: 'Утвердить' }).click();
      await expect.poll(() => status().textContent(), { timeout: 15_000 }).toBe('Утверждён'); // approval renders the document
      await page.getByText('утверждённая редакция 2').waitFor();
      const versions = page.getByRole('region', { name: 'Редакции паспорта' });
      await versions.getByText(/Редакция 2 \(№ ПАС-\d{4}\/\d+\)/).waitFor();
      await versions.getByRole('cell', { name: `15.03.${year + 1}` }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'po-plans-change-request.png'), fullPage: true });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        'без горизонтальной прокрутки при 1366×768',
      ).toBe(true);
    },
  );

  step(
    'сводный план: руководитель включает точку проекта и мероприятие, куратор возвращает, затем утверждает',
    async () => {
      await as('head', '/plans', 'Сводные планы');
      await page.getByRole('button', { name: 'Новый сводный план' }).click();
      const form = page.getByRole('form', { name: 'Сводный план' });
      await form.getByLabel('Наименование темы').fill('Благоустройство дворов');
      await form.getByLabel('Проект').selectOption({ label: 'Чистый двор' });
      await form
        .getByRole('listitem')
        .filter({ hasText: 'Договор подписан' })
        .getByRole('button', { name: /Включить в план/ })
        .click();
      await form.getByLabel('Мероприятие', { exact: true }).fill('Совещание с управляющими компаниями');
      await form.getByLabel('Срок мероприятия').fill(`15.12.${year}`);
      await form.getByLabel('Срок мероприятия').press('Enter');
      await form.getByRole('button', { name: 'Добавить мероприятие' }).click();
      await form
        .getByRole('list', { name: 'Состав плана' })
        .getByText(/Совещание с управляющими компаниями/)
        .waitFor();
      await form.getByRole('button', { name: 'Создать план' }).click();
      await expect.poll(() => status().textContent()).toBe('Черновик');
      await actions().getByRole('button', { name: 'Направить на согласование' }).click();
      await expect.poll(() => status().textContent()).not.toBe('Черновик');
      await as('curator', '/plans', 'Сводные планы');
      await open(/Благоустройство дворов/);
      await actions().getByLabel('Комментарий').fill('Добавьте сроки подрядчика');
      await actions().getByRole('button', { name: 'Вернуть на доработку' }).click();
      await expect.poll(() => status().textContent()).toBe('Черновик');
      await as('head', '/plans', 'Сводные планы');
      await open(/Благоустройство дворов/);
      await page.getByRole('cell', { name: 'Добавьте сроки подрядчика' }).waitFor();
      await actions().getByRole('button', { name: 'Направить на согласование' }).click();
      await as('curator', '/plans', 'Сводные планы');
      await open(/Благоустройство дворов/);
      await actions().getByRole('button', { name: 'Утвердить' }).click();
      await expect.poll(() => status().textContent(), { timeout: 15_000 }).toBe('Утверждён'); // approval renders the document
      await page.getByText(/зарегистрирована № СП-\d{4}\/\d+/).waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'po-plans-consolidated.png'), fullPage: true });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        'без горизонтальной прокрутки при 1366×768',
      ).toBe(true);
    },
  );
});
