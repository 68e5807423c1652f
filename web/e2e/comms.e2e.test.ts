// The centre's communication work in a real browser (Debian's Chromium, the real server with demo data) at 1366×768:
// the media officer registers an official page, records a check, imports its weekly figures from a file and finds its
// score in the rating; imports a vote from a file and finds it beside the complaints of its category and place in
// «Комплексная картина» (table and map mark); and cannot act on a case. Any console error fails the test.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
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
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10); // a Moscow date
const ru = (isoDate: string) => isoDate.split('-').reverse().join('.');

describe.skipIf(!chromiumPath)('госпаблики и голосования в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  const now = Date.now();
  // a whole week two to three weeks ago (Monday to Sunday), so the rating period holds exactly it
  const monday = (() => {
    let d = now - 14 * DAY;
    while (new Date(d + 3 * 3_600_000).getUTCDay() !== 1) d -= DAY;
    return d;
  })();
  const week = { from: iso(monday), to: iso(monday + 6 * DAY) };

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
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()} @ ${m.location().url}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    await page.goto(`${server.url}/#/comms/pages`);
    await page.getByLabel('Логин').fill('media_officer');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
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
  const setDate = async (label: string, value: string, scope = page.locator('body')) => {
    const field = scope.getByLabel(label, { exact: true });
    await field.fill(ru(value));
    await field.press('Enter');
  };

  it('регистрирует страницу, записывает проверку, загружает недельные показатели и видит балл в рейтинге', async () => {
    await page.goto(`${server.url}/#/comms/pages`);
    await page.getByRole('heading', { name: 'Официальные страницы (госпаблики)' }).waitFor();
    await page.getByRole('button', { name: 'Добавить страницу' }).click();
    const form = page.getByRole('form', { name: 'Новая официальная страница' });
    await form.getByLabel('Организация').selectOption({ label: 'Администрация Угличского муниципального округа' });
    await form.getByLabel('Адрес страницы').fill('https://vk.com/uglich_test');
    await form.getByLabel('Название').fill('Администрация Углича');
    await form.getByLabel('Ответственный').fill('Иванова А. П.');
    await form.getByLabel('Номер сообщества ВКонтакте (для комментариев)').fill('-111');
    await form.getByRole('button', { name: 'Добавить страницу' }).click();
    const registry = page.getByRole('table', { name: 'Реестр официальных страниц' });
    await registry.getByRole('link', { name: 'Администрация Углича' }).waitFor();
    await expect.poll(() => registry.getByRole('row').nth(1).textContent()).toContain('Активная, 5 в неделю');

    const check = page.getByRole('form', { name: 'Проверка обязательного элемента' });
    await check
      .getByLabel('Страница')
      .selectOption({ label: 'Администрация Углича (Администрация Угличского муниципального округа)' });
    await check.getByLabel('Элемент').selectOption({ label: 'Отметка «Госорганизация»' });
    await setDate('Дата проверки', week.from, check);
    await check.getByLabel('Подтверждение').fill('снимок экрана страницы');
    await check.getByRole('button', { name: 'Записать проверку' }).click();
    await check.getByText('Проверка записана').waitFor();
    await registry.getByRole('cell', { name: `есть, ${ru(week.from)}` }).waitFor();

    const upload = page.getByRole('form', { name: 'Недельные показатели из файла' });
    await upload.getByLabel('Файл CSV или XLSX').setInputFiles({
      name: 'недели.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Страница;Неделя;Публикации;Просмотры;Комментарии;Подписчики;Отвечено;Время ответа, ч\nhttps://vk.com/uglich_test;${ru(week.from)};5;5000;4;900;4;2\nhttps://vk.com/nobody;${ru(week.from)};1;1;1;1;1;\n`,
      ),
    });
    await upload.getByRole('button', { name: 'Загрузить' }).click();
    await upload.getByText('Добавлено: 1, обновлено: 0, 1 строка с ошибками').waitFor();
    await upload.getByText('Строка 3: страницы https://vk.com/nobody нет в реестре').waitFor();

    const rating = page.getByRole('region', { name: 'Рейтинг страниц (100 баллов)' });
    await setDate('С', week.from, rating);
    await setDate('По', week.to, rating);
    // posting 5 of 5 → 25; elements 1 of 4 → 5; 1000 views a post → 15; 4 of 4 comments → 15; answers in 2 h by the file → 25
    const row = rating.getByRole('table', { name: 'Баллы страниц' }).getByRole('row', { name: /Администрация Углича/ });
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('85');
    await rating
      .getByRole('table', { name: 'По муниципалитетам' })
      .getByRole('row', { name: /Угличский муниципальный округ/ })
      .waitFor();

    // criteria are configurable: 35 points for posting, 10 for the elements (1 of 4 → 2,5): 35 + 2,5 + 15 + 15 + 25
    await rating.getByText('Критерии и баллы').click();
    const criteria = rating.getByRole('form', { name: 'Критерии рейтинга страниц' });
    await criteria.getByLabel('Баллы: Выполнение нормы публикаций').fill('35');
    await criteria.getByLabel('Баллы: Обязательные элементы страницы').fill('10');
    await criteria.getByText('Сумма баллов: 100 из 100.').waitFor();
    await criteria.getByRole('button', { name: 'Сохранить критерии' }).click();
    await criteria.getByText('Критерии сохранены').waitFor();
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('92,5');
    await clean('comms-pages');
  }, 120_000);

  it('загружает голосование из файла и видит его рядом с обращениями в «Комплексной картине» и на карте', async () => {
    await page.goto(`${server.url}/#/comms/votes`);
    await page.getByRole('heading', { name: 'Голосования и общественные обсуждения' }).waitFor();
    const upload = page.getByRole('form', { name: 'Голосования из файла' });
    const start = iso(now - 20 * DAY);
    const end = iso(now - 12 * DAY);
    const decided = iso(now - 10 * DAY);
    await upload.getByLabel('Файл CSV или XLSX').setInputFiles({
      name: 'голосования.xlsx'.replace('xlsx', 'csv'),
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Номер;Вид;Название;Муниципалитет;Категория;Начало;Окончание;Явка;Результат;Решение;Дата решения;Реализация\nПОС-77;Голосование на ПОС;Двор на ул. Ростовской;Угличский;Дворы и детские площадки;${ru(start)};${ru(end)};812;Проект А — 58 %;Ремонт двора по проекту А;${ru(decided)};Идёт\n`,
      ),
    });
    await upload.getByRole('button', { name: 'Загрузить' }).click();
    await upload.getByText('Добавлено: 1, обновлено: 0, 0 строк с ошибками').waitFor();
    const table = page.getByRole('table', { name: 'Голосования и обсуждения' });
    await table.getByRole('row', { name: /Двор на ул\. Ростовской/ }).waitFor();
    await clean('comms-votes');

    await page.goto(`${server.url}/#/dashboard`);
    const panel = page.getByRole('region', { name: 'Голосования и обсуждения рядом с обращениями' });
    const voteRow = panel.getByRole('row', { name: /Двор на ул\. Ростовской/ });
    await voteRow.waitFor();
    expect(await voteRow.textContent()).toContain('Угличский муниципальный округ');
    expect(await voteRow.textContent()).toContain('Дворы и детские площадки');
    const before = voteRow.getByRole('link', { name: new RegExp(`Обращения за 30 дней до ${ru(decided)}`) });
    expect(await before.getAttribute('href')).toMatch(
      /municipality=uglich.*category=yards|category=yards.*municipality=uglich/,
    );
    await page
      .getByRole('region', { name: 'По муниципалитетам' })
      .getByText('метки — голосования и обсуждения (1)')
      .waitFor();
    await clean('comms-dashboard');
  }, 120_000);

  it('ведёт реестр СМИ: добавляет издание, загружает файл, записывает упоминание по обращению', async () => {
    await page.goto(`${server.url}/#/comms/media`);
    await page.getByRole('heading', { name: 'СМИ и лидеры общественного мнения' }).waitFor();
    await page.getByRole('button', { name: 'Добавить' }).click();
    const form = page.getByRole('form', { name: 'Новое СМИ или лидер мнений' });
    await form.getByLabel('Название или имя').fill('Угличская газета');
    await form.getByLabel('Аудитория').fill('12000');
    await form.getByLabel('Муниципалитет').selectOption({ label: 'Угличский муниципальный округ' });
    await form.getByRole('button', { name: 'Добавить в реестр' }).click();
    const table = page.getByRole('table', { name: 'СМИ и лидеры мнений' });
    await table.getByRole('row', { name: /Угличская газета/ }).waitFor();

    const upload = page.getByRole('form', { name: 'Реестр из файла' });
    await upload.getByLabel('Файл CSV или XLSX').setInputFiles({
      name: 'сми.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Тип;Название;Каналы;Аудитория;Темы;Муниципалитет\nЛидер мнений;Блогер Иван;Telegram;5000;благоустройство;Рыбинск\n',
      ),
    });
    await upload.getByRole('button', { name: 'Загрузить' }).click();
    await upload.getByText('Добавлено: 1, обновлено: 0, 0 строк с ошибками').waitFor();
    await table.getByRole('row', { name: /Блогер Иван/ }).waitFor();

    const caseId = await page.evaluate(
      async () => ((await (await fetch('/api/cases?pageSize=1')).json()) as { items: { id: string }[] }).items[0]?.id,
    );
    const mention = page.getByRole('form', { name: 'Взаимодействие или упоминание' });
    await mention.getByLabel('С кем').selectOption({ label: 'Угличская газета' });
    await mention.getByLabel('Тема').fill('Статья о ремонте двора');
    await mention.getByLabel('Номер обращения').fill(caseId ?? '');
    await mention.getByRole('button', { name: 'Записать' }).click();
    await mention.getByText('Взаимодействие записано').waitFor();
    await expect.poll(() => table.getByRole('row', { name: /Угличская газета/ }).textContent()).toContain('последнее');
    const linked = await page.evaluate(
      async (id) =>
        ((await (await fetch(`/api/media/mentions?case=${id}`)).json()) as { items: { contactName: string }[] }).items,
      caseId,
    );
    expect(linked.map((m) => m.contactName)).toEqual(['Угличская газета']);
    await clean('comms-media');
  }, 120_000);

  it('добавляет практику, находит её по словам жалобы, даёт рекомендацию органу и отмечает исполнение', async () => {
    await page.goto(`${server.url}/#/comms/practices`);
    await page.getByRole('heading', { name: 'Практики и рекомендации', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Новая практика' });
    await form.getByLabel('Название').fill('Дворы по заявкам жителей');
    await form.getByLabel('Проблема').fill('Жалобы на разбитые детские площадки');
    await form.getByLabel('Решение').fill('Голосование жителей за очерёдность ремонта');
    await form.getByRole('button', { name: 'Добавить практику' }).click();
    await form.getByText('Практика добавлена').waitFor();
    await page.getByLabel('Поиск по практикам').fill('детские площадки');
    const library = page.getByRole('table', { name: 'Библиотека практик' });
    await library.getByRole('row', { name: /Дворы по заявкам жителей/ }).waitFor();

    const rec = page.getByRole('form', { name: 'Новая рекомендация' });
    await rec.getByLabel('Кому').selectOption({ label: 'Администрация Угличского муниципального округа' });
    await rec.getByLabel('По практике').selectOption({ label: 'Дворы по заявкам жителей' });
    await rec.getByLabel('Ответственный').fill('Петров П. П.');
    await setDate('Срок', iso(now - 3 * DAY), rec);
    await rec.getByLabel('Текст рекомендации').fill('Провести голосование по дворам');
    await rec.getByRole('button', { name: 'Записать рекомендацию' }).click();
    const recs = page.getByRole('table', { name: 'Рекомендации органам' });
    await recs
      .getByRole('row', { name: /Провести голосование по дворам/ })
      .getByText('Просрочена')
      .waitFor();

    const follow = page.getByRole('form', { name: 'Отметка об исполнении' });
    await follow.getByLabel('Рекомендация').selectOption({ index: 1 });
    await follow.getByLabel('Что сделано').fill('Голосование проведено');
    await follow.getByRole('button', { name: 'Записать отметку' }).click();
    const row = recs.getByRole('row', { name: /Провести голосование по дворам/ });
    await expect.poll(() => row.textContent()).toContain('Исполнена');
    expect(await row.textContent()).toContain('Голосование проведено');
    expect(await row.getByText('Просрочена').count()).toBe(0);
    await clean('comms-practices');
  }, 120_000);

  it('специалист по СМИ не может действовать по обращению: в карточке нет ответа, сервер отвечает 403', async () => {
    const first = await page.evaluate(
      async () => ((await (await fetch('/api/cases?pageSize=1')).json()) as { items: { id: string }[] }).items[0]?.id,
    );
    expect(first).toBeTruthy();
    await page.goto(`${server.url}/#/cases/${first ?? ''}`);
    await page.getByRole('complementary', { name: 'Сроки, решения и сведения' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Ответ заявителю' }).count()).toBe(0);
    const status = await page.evaluate(
      async (id) =>
        (
          await fetch(`/api/cases/${id}/answers`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Otklik-Request': '1' },
            body: JSON.stringify({ kind: 'interim', body: 'Ответ от пресс-службы' }),
          })
        ).status,
      first,
    );
    expect(status).toBe(403);
    problems = problems.filter((p) => !/status of 403|^403 POST .*\/answers$/.test(p));
    await clean('comms-case-read-only');
  }, 60_000);
});
