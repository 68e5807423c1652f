// Working groups and the roadmap in a real browser at 1366×768: the block owner records a meeting of an approved
// group, adds a decision with a due date (ДД.ММ.ГГГГ), drafts the protocol and sends it on; the head approves it and
// the page shows its registered number. The executive secretary edits the approved roadmap and sees, before sending
// it on, what changed against the approved version (one item changed with its field, one added, one removed).
// Screenshots go to test-results/screenshots/groups-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDateOf, dayNumberOf, toMoscowIsoDate } from '../../shared/deadlines/moscow-time';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { createOfficeDocument, stepOfficeDocument } from '../../server/features/projects/office-documents';
import { createRoadmap, editRoadmap, stepRoadmap } from '../../server/features/roadmap/roadmap';
import { rootContext, type Actor } from '../../server/lib/context';
import type { TestServices } from '../../server/test/test-services';
import { findChromium, launchChromium } from './browser';
import { startE2eServer, type E2eServer } from './e2e-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const STEP_MS = 90_000;
const chromiumPath = findChromium();

async function actor(services: TestServices, login: string): Promise<Actor> {
  const u = await services.database.db
    .selectFrom('users')
    .select(['id', 'role', 'organisation_id', 'block_code', 'full_name'])
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    userId: u.id,
    login,
    role: u.role as Extract<Actor, { kind: 'user' }>['role'],
    organisationId: u.organisation_id,
    blockCode: u.block_code,
    label: u.full_name,
  };
}

/** An approved group of the demo block owner's block and an approved roadmap of this year. */
async function prepare(services: TestServices): Promise<void> {
  const as = async (login: string) => rootContext(services, await actor(services, login));
  const group = await createOfficeDocument(await as('block_owner'), {
    type: 'group',
    blockCode: 'zhkh',
    content: {
      name: 'Рабочая группа по отоплению',
      kind: 'working',
      purpose: 'Пуск котельных',
      projectId: null,
      members: [
        { name: 'Иванов И. И.', role: 'руководитель группы', organisation: 'Департамент ЖКХ' },
        { name: 'Петров П. П.', role: 'эксперт', organisation: 'ЯрГУ' },
      ],
    },
  });
  await stepOfficeDocument(await as('block_owner'), group.document.id, 'submit', '');
  await stepOfficeDocument(await as('curator'), group.document.id, 'approve', '');
  const year = Number(toMoscowIsoDate(services.clock.now()).slice(0, 4));
  const id = await createRoadmap(await as('executive_secretary'), year);
  await editRoadmap(await as('executive_secretary'), id, {
    dialogAgreement: { date: `${year}-01-20`, reference: 'письмо № 12' },
    comment: '',
    items: [
      {
        key: '',
        measure: 'Подключить ПОС во всех муниципалитетах',
        block: '',
        owner: 'Секретарь',
        dueDate: `${year}-06-30`,
        status: 'planned',
      },
      {
        key: '',
        measure: 'Обучить операторов',
        block: '',
        owner: 'Руководитель',
        dueDate: `${year}-09-30`,
        status: 'planned',
      },
    ],
  });
  await stepRoadmap(await as('executive_secretary'), id, 'submit', '');
  await stepRoadmap(await as('head'), id, 'agree', '');
  await stepRoadmap(await as('curator'), id, 'approve', '');
}

describe.skipIf(!chromiumPath)('рабочие группы и дорожная карта в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer({ prepare });
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
              path: path.join(SHOTS, `groups-failed-${name.replace(/[^\p{L}\d]+/gu, '-')}.png`),
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

  step('ответственный за блок проводит заседание, записывает решение и направляет протокол', async () => {
    await as('block_owner', '/groups');
    await page.getByRole('link', { name: 'Рабочая группа по отоплению' }).click();
    await page.getByRole('heading', { name: 'Рабочая группа по отоплению' }).waitFor();
    const form = page.getByRole('form', { name: 'Новое заседание' });
    await form.getByLabel('Повестка').fill('Пуск котельных в Угличе');
    await form.getByLabel('Петров П. П.').uncheck();
    await form.getByRole('button', { name: 'Записать заседание' }).click();
    const today = toMoscowIsoDate(server.services.clock.now());
    let due = dayNumberOf(today) + 7;
    while (!server.services.calendar.isWorkingDay(isoDateOf(due))) due++;
    const dueRu = isoDateOf(due).split('-').reverse().join('.');
    const meeting = page.getByRole('region', { name: `Заседание ${today.split('-').reverse().join('.')}` });
    await meeting.getByText('Присутствовали (1 из 2): Иванов И. И.').waitFor();
    await meeting.getByLabel('Решение', { exact: true }).fill('Запустить котельную');
    await meeting.getByLabel('Ответственный').selectOption('Петров П. П.');
    await meeting.getByLabel('Срок (рабочий день)').fill(dueRu);
    await meeting.getByLabel('Срок (рабочий день)').press('Enter');
    await meeting.getByRole('button', { name: 'Добавить решение' }).click();
    await meeting.getByRole('table', { name: 'Решения' }).getByRole('cell', { name: dueRu }).waitFor();
    await meeting.getByRole('button', { name: 'Подготовить протокол' }).click();
    await expect.poll(() => meeting.getByTestId('protocol-status').textContent()).toBe('Черновик');
    await meeting.getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => meeting.getByTestId('protocol-status').textContent()).toBe('На утверждении');
    await page.screenshot({ path: path.join(SHOTS, 'groups-meeting.png'), fullPage: false });
  });

  step('руководитель ЦУР утверждает протокол: номер в реестре официальных документов', async () => {
    await as('head', '/groups');
    await page.getByRole('link', { name: 'Рабочая группа по отоплению' }).click();
    await page.getByRole('button', { name: 'Утвердить' }).click();
    await page.getByText(/зарегистрирован № ПР-\d{4}\/\d+/).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
  });

  step('ответственный секретарь меняет дорожную карту и видит изменения к утверждённой редакции', async () => {
    await as('executive_secretary', '/roadmap');
    await page.getByRole('link', { name: /Дорожная карта ЦУР на \d{4} год/ }).click();
    await page.getByRole('button', { name: 'Изменить' }).click();
    const first = page.getByRole('group', { name: 'Мероприятие 1' });
    await first.getByLabel('Статус').selectOption('Выполнено');
    await page.getByRole('group', { name: 'Мероприятие 2' }).getByRole('button', { name: 'Исключить' }).click();
    await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
    const added = page.getByRole('group', { name: 'Мероприятие 2' });
    await added.getByLabel('Мероприятие', { exact: true }).fill('Опрос удовлетворённости');
    await added.getByLabel('Ответственный').fill('Секретарь');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const changes = page.getByRole('table', { name: 'Изменения текущей редакции' });
    await changes.waitFor();
    await expect
      .poll(async () =>
        changes.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-change'))),
      )
      .toEqual(['changed', 'added', 'removed']);
    await changes.getByText('Статус: Запланировано → Выполнено').waitFor();
    await page.getByRole('button', { name: 'Направить на согласование' }).click();
    await expect.poll(() => page.getByTestId('roadmap-status').textContent()).toBe('На согласовании');
    await page.screenshot({ path: path.join(SHOTS, 'groups-roadmap-diff.png'), fullPage: false });
  });
});
