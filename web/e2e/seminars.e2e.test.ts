// Seminars and the knowledge base in a real browser (Debian's Chromium, the real server with demo data) at 1366×768:
// the media officer plans a seminar for the Yaroslavl mayor's office, invites its executor from the users registry,
// marks the attendance with a score and attaches a file; adds a model answer to the knowledge base; the executor
// sees the seminar of their organisation with the file, and in the answer form of a case finds the model answer by
// the case's category and a word and inserts it into the draft. Any console error fails the test.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { reassignCase } from '../../server/features/cases/reassign-case';
import { receiveMessage } from '../../server/features/intake/receive-message';
import { rootContext, SYSTEM_ACTOR } from '../../server/lib/context';
import { findChromium, launchChromium } from './browser';
import { accessibilityProblems } from './accessibility';
import { startE2eServer, type E2eServer } from './e2e-server';

const SHOTS = path.join(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  'test-results',
  'screenshots',
);
const chromiumPath = findChromium();
const MAYOR = 'Мэрия города Ярославля';
const EXECUTOR = 'Исполнитель: Мэрия города Ярославля (демо)';
const TOPIC = 'Ответы на комментарии в госпабликах';
const MODEL_ANSWER =
  'Здравствуйте! Ремонт вашего двора включён в программу «Наши дворы» на следующий сезон. Проверено ЦУР.';

describe.skipIf(!chromiumPath)('семинары и база знаний в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  const today = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer({
      demoCount: 40,
      // the knowledge-base steps answer an open case of the mayor's office: made here, because which demo cases are
      // still open depends on the day the demo history is generated for
      prepare: async (services) => {
        const ctx = rootContext(services, SYSTEM_ACTOR);
        const { result } = await receiveMessage(ctx, {
          channel: 'web',
          externalId: 'seminars-e2e-yard',
          text: 'В Ярославле во дворе дома 12 на улице Свободы разбит асфальт и нет освещения, просим отремонтировать двор',
        });
        const mayor = await services.database.db
          .selectFrom('organisations')
          .select('id')
          .where('name', '=', MAYOR)
          .executeTakeFirstOrThrow();
        await reassignCase(ctx, result.caseId, { organisationId: mayor.id, reason: 'двор в ведении мэрии' });
      },
    });
    browser = await launchChromium(chromiumPath ?? '');
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 768 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()} @ ${m.location().url}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const clean = async (shot: string) => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
    expect(await accessibilityProblems(page), `доступность (axe-core, контраст) экрана ${shot}`).toEqual([]);
    const seen = problems;
    problems = [];
    expect(seen, 'ошибки в консоли браузера').toEqual([]);
  };
  const signIn = async (login: string, at: string) => {
    await page.goto(`${server.url}/#${at}`);
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
  };

  it('специалист по СМИ планирует семинар, приглашает исполнителя, отмечает присутствие и прикладывает файл', async () => {
    await signIn('media_officer', '/comms/seminars');
    await page.getByRole('heading', { name: 'Семинары', level: 1 }).waitFor();
    await page.locator('summary', { hasText: 'Добавить семинар в план' }).click();
    const form = page.getByRole('form', { name: 'Новый семинар' });
    await form.getByLabel('Тема').fill(TOPIC);
    const date = form.getByLabel('Дата', { exact: true });
    await date.fill(today.split('-').reverse().join('.'));
    await date.press('Enter');
    await form.getByLabel('Время начала').fill('10:30');
    await form.getByLabel('Формат').selectOption({ label: 'Онлайн' });
    await form.getByLabel('Ведущие').fill('Петрова Е. А.');
    await form.getByLabel('Организации').selectOption({ label: MAYOR });
    await form.getByRole('button', { name: 'Добавить в план' }).click();

    const plan = page.getByRole('table', { name: 'План семинаров' });
    await plan.getByRole('button', { name: TOPIC }).waitFor();
    await expect.poll(() => plan.getByRole('row').filter({ hasText: TOPIC }).textContent()).toContain(MAYOR);
    const card = page.getByRole('region', { name: `Семинар «${TOPIC}»` });
    await card.waitFor();

    const inviteForm = card.getByRole('form', { name: 'Пригласить участников' });
    await inviteForm.getByLabel(EXECUTOR).check();
    await inviteForm.getByRole('button', { name: 'Пригласить' }).click();
    const attendance = page.getByRole('table', { name: 'Участники и отметки' });
    await attendance.getByRole('rowheader', { name: EXECUTOR }).waitFor();
    await attendance.getByLabel(`Присутствие: ${EXECUTOR}`).selectOption({ label: 'был' });
    await attendance.getByLabel(`Оценка: ${EXECUTOR}`).selectOption('5');
    await attendance.getByLabel(`Отзыв: ${EXECUTOR}`).fill('Полезные примеры ответов');
    await page.getByRole('button', { name: 'Сохранить отметки' }).click();
    await expect.poll(() => plan.getByRole('row').filter({ hasText: TOPIC }).textContent()).toContain('1 / 1');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const materialForm = page.getByRole('form', { name: 'Добавить материал' });
    await materialForm
      .getByLabel('Файл материала')
      .setInputFiles({ name: 'Памятка администратора.pdf', mimeType: 'application/pdf', buffer: pdf });
    await materialForm.getByRole('button', { name: 'Добавить материал' }).click();
    const link = page
      .getByRole('list', { name: 'Материалы семинара' })
      .getByRole('link', { name: 'Памятка администратора.pdf' });
    await link.waitFor();
    const download = await page.request.get(`${server.url}${(await link.getAttribute('href')) ?? ''}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);
    await page.getByText('История изменений').click();
    const history = page.getByRole('list', { name: 'История изменений семинара' });
    await expect.poll(() => history.textContent()).toContain('Специалист по СМИ (демо)');
    expect(await history.getByRole('listitem').count()).toBe(4);
    await clean('seminars-01-plan');

    await page.getByRole('button', { name: 'Кто обучен' }).click();
    const trained = page.getByRole('table', { name: 'Кто обучен по организациям' });
    const mayorRow = trained.getByRole('row').filter({ hasText: MAYOR });
    await mayorRow.waitFor();
    const cells = await mayorRow.getByRole('cell').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['1', '1', '1']); // seminars, invited, trained
    expect(cells[4]).toMatch(/^1 человек.*«Ответы на комментарии в госпабликах» — был$/);
    await clean('seminars-02-trained');
  });

  let caseId = '';
  it('специалист по СМИ добавляет образец ответа в базу знаний', async () => {
    const row = await server.services.database.db
      .selectFrom('cases')
      .innerJoin('organisations as o', 'o.id', 'cases.organisation_id')
      .select(['cases.id', 'cases.category_code'])
      .innerJoin('messages as m', 'm.case_id', 'cases.id')
      .where('o.name', '=', MAYOR)
      .where('m.external_id', '=', 'seminars-e2e-yard')
      .where('cases.category_code', 'is not', null)
      .where('cases.status', 'in', ['assigned', 'in_progress', 'interim_answer', 'returned', 'reopened'])
      .orderBy('cases.id')
      .executeTakeFirstOrThrow();
    caseId = row.id;
    await page.goto(`${server.url}/#/comms/knowledge`);
    await page.getByRole('heading', { name: 'База знаний', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Новая запись базы знаний' });
    await form.getByLabel('Название').fill('Двор включён в программу ремонта');
    await form.getByLabel('Категория обращений').selectOption(row.category_code ?? '');
    await form.getByLabel('Метки (через запятую)').fill('дворы, ремонт');
    await form.getByLabel('Текст образца ответа').fill(MODEL_ANSWER);
    await form.getByRole('button', { name: 'Добавить запись' }).click();
    await page
      .getByRole('table', { name: 'Записи базы знаний' })
      .getByRole('button', { name: 'Двор включён в программу ремонта' })
      .waitFor();
    await clean('seminars-03-knowledge');
    await signOut();
  });

  it('исполнитель видит семинар своей организации и вставляет образец из базы знаний в ответ', async () => {
    await signIn('executor', '/seminars');
    await page.getByRole('link', { name: 'Семинары' }).waitFor();
    await page.goto(`${server.url}/#/seminars`);
    await page.getByRole('table', { name: 'План семинаров' }).getByRole('button', { name: TOPIC }).click();
    const card = page.getByRole('region', { name: `Семинар «${TOPIC}»` });
    await card.getByRole('link', { name: 'Памятка администратора.pdf' }).waitFor();
    expect(await card.getByRole('form').count()).toBe(0);
    await clean('seminars-04-executor');

    await page.goto(`${server.url}/#/cases/${caseId}`);
    await page.getByText('База знаний: образцы ответов и практики').click();
    await page.getByLabel('Поиск по базе знаний').fill('двора');
    const hits = page.getByRole('list', { name: 'Найдено в базе знаний' });
    await hits.getByText('Двор включён в программу ремонта').waitFor();
    await page.getByLabel('Текст ответа').fill('');
    await hits.getByRole('button', { name: 'Вставить в ответ: Двор включён в программу ремонта' }).click();
    await expect.poll(() => page.getByLabel('Текст ответа').inputValue()).toBe(MODEL_ANSWER);
    await clean('seminars-05-answer-form');
  });
});
