// Administration in a real browser (Chromium through playwright-core against the real server, at 1366×768): the
// administrator creates an executor who signs in and sees only their organisation's cases; deactivation ends the
// executor's open session; a token revoked on its screen gets 401 from its next request; a renamed category shows the
// new name on a new case and the old one in an old case's history; then one short step per remaining screen
// (organisations, routing, deadlines, keyword sets, workload norms, channels, classifier models): the administrator
// changes something, the change takes effect and the screen's journal names who made it and when, and the screen
// fits 1366 and 1440 points in width. One server and one browser for all. Skipped without Chromium, except in CI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { receiveMessage } from '../../server/features/intake/receive-message';
import { importFile } from '../../server/features/import-export/import-file';
import { ingestPosts } from '../../server/features/monitoring/ingest-posts';
import { serializeHierarchical } from '../../server/features/classifier/bundle';
import { loadDefaultClassifier } from '../../server/features/classifier/default-model/load-default';
import { insertModel } from '../../server/features/classifier/retrain/models.repository';
import { rootContext, SYSTEM_ACTOR, withTransaction } from '../../server/lib/context';
import { findChromium, launchChromium } from './browser';
import { startE2eServer, type E2eServer } from './e2e-server';

const chromiumPath = findChromium();
const inCi = process.env.CI === 'true';
const EXECUTOR_PASSWORD = 'Исполнитель-Углич-2026';
const ADMIN_LABEL = 'Администратор (демо)';
const DAY_MS = 86_400_000;
const NEW_ORGANISATION = 'Дорожная служба Углича';

describe.runIf(!chromiumPath && inCi)('администрирование в CI', () => {
  it('Chromium установлен', () => {
    expect.fail('CI=true, но Chromium не найден');
  });
});

describe.skipIf(!chromiumPath)('администрирование в Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let admin: Page;
  let problems: string[] = [];
  let oldCase = '';
  let otherCase = '';
  let organisationId = 0;

  const watch = (page: Page, allow: RegExp[] = []) => {
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !allow.some((re) => re.test(m.text()))) problems.push(`console: ${m.text()}`);
    });
  };
  const newPage = async (allow: RegExp[] = []): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    watch(page, allow);
    await page.goto(`${server.url}/#/`);
    return { context, page };
  };
  const signIn = async (page: Page, login: string, password = DEMO_PASSWORD) => {
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  };
  const apiFrom = (page: Page, pathname: string) =>
    page.evaluate(async (p) => {
      const r = await fetch(p);
      return { status: r.status, json: (await r.json()) as unknown };
    }, pathname);

  /** The screen's journal lists the change first, with the date and time (ДД.ММ.ГГГГ ЧЧ:ММ) and who made it. */
  const journalNames = async (what: RegExp) => {
    const first = admin.getByRole('region', { name: 'Журнал изменений' }).getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toMatch(what);
    expect(await first.textContent()).toMatch(
      new RegExp(`^\\d\\d\\.\\d\\d\\.\\d{4},? \\d\\d:\\d\\d .* — ${ADMIN_LABEL.replace(/[()]/g, '\\$&')}$`),
    );
  };
  /** The screen has no horizontal scroll at 1366 and at 1440 points (then back to 1366). */
  const fitsWidths = async () => {
    for (const width of [1440, 1366]) {
      await admin.setViewportSize({ width, height: width === 1366 ? 768 : 900 });
      const scroll = await admin.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll, `ширина страницы при ${width} точках`).toBeLessThanOrEqual(width);
    }
  };
  const openScreen = async (link: string, heading = link) => {
    await admin.goto(`${server.url}/#/admin/users`);
    await admin
      .getByRole('navigation', { name: 'Администрирование' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await admin.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const caseOf = async (id: string) =>
    (
      (await apiFrom(admin, `/api/cases/${id}`)) as {
        json: {
          block: string;
          blockName: string;
          category: string;
          categoryName: string;
          municipality: string;
          organisationId: number | null;
          createdAt: string;
          finalAnswerDueAt: string | null;
        };
      }
    ).json;
  const send = async (externalId: string, text: string) =>
    (await receiveMessage(rootContext(server.services, SYSTEM_ACTOR), { channel: 'web', externalId, text })).result
      .caseId;

  beforeAll(async () => {
    server = await startE2eServer({
      demoCount: 0,
      prepare: async (services) => {
        const ctx = rootContext(services, SYSTEM_ACTOR);
        const roads = await receiveMessage(ctx, {
          channel: 'web',
          externalId: 'adm-e2e-1',
          text: 'В Угличе огромная яма на дороге у дома 5',
        });
        const waste = await receiveMessage(ctx, {
          channel: 'web',
          externalId: 'adm-e2e-2',
          text: 'В Рыбинске не вывозят мусор с контейнерной площадки',
        });
        oldCase = roads.result.caseId;
        otherCase = waste.result.caseId;
        const row = await services.database.db
          .selectFrom('cases')
          .select('organisation_id')
          .where('id', '=', oldCase)
          .executeTakeFirstOrThrow();
        organisationId = row.organisation_id ?? 0;
        // an import naming an organisation the directory does not know: the case is held in triage
        const dir = mkdtempSync(path.join(os.tmpdir(), 'otklik-admin-e2e-'));
        const csv = path.join(dir, 'im.csv');
        writeFileSync(
          csv,
          'Номер инцидента;Дата создания;Исполнитель;Текст инцидента;Статус\nIM-77;01.11.2026 10:00;МУП «Благоустройство Углича»;Не убран снег во дворе;В работе\n',
        );
        const report = await importFile(ctx, { file: csv, channel: 'social_vk' });
        rmSync(dir, { recursive: true, force: true });
        expect(report.at(-1)).toBe('imported 1, unchanged 0, failed 0');
        // two stored classifier versions (the shipped model's bytes): the first active, the second a candidate
        const bytes = serializeHierarchical(loadDefaultClassifier());
        const model = { trainingSize: 100, corrections: 0, evaluation: {}, bytes, createdBy: null };
        await withTransaction(ctx, async (tx) => {
          await insertModel(tx, { ...model, createdAt: services.clock.now(), status: 'active', decision: 'включена' });
          await insertModel(tx, {
            ...model,
            createdAt: services.clock.now(),
            status: 'candidate',
            decision: 'кандидат',
          });
        });
        services.clock.advance(60_000); // the server's clock is fixed: changes made in the test come a minute after these cases
      },
    });
    browser = await launchChromium(chromiumPath ?? '');
    admin = (await newPage()).page;
    await signIn(admin, 'admin');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('администратор создаёт исполнителя: тот входит и видит только обращения своей организации; отключение завершает его сеанс', async () => {
    problems = [];
    expect(organisationId).toBeGreaterThan(0);
    await admin.getByRole('link', { name: 'Администрирование' }).click();
    await admin.getByRole('heading', { name: 'Пользователи' }).waitFor();
    await admin.getByRole('button', { name: 'Новый пользователь' }).click();
    const form = admin.getByRole('form', { name: 'Новый пользователь' });
    await form.getByLabel('Логин').fill('uglich_exec');
    await form.getByLabel('ФИО').fill('Исполнитель Угличский');
    await form.getByLabel('Пароль', { exact: true }).fill(EXECUTOR_PASSWORD);
    await form.getByRole('combobox', { name: /^Роль/ }).selectOption('executor');
    await form.getByRole('combobox', { name: /^Организация/ }).selectOption(String(organisationId));
    await form.getByRole('button', { name: 'Создать' }).click();
    await admin.getByText('Пользователь uglich_exec создан.').waitFor();
    await admin.getByRole('cell', { name: 'Исполнитель Угличский', exact: true }).waitFor();

    const executor = await newPage([/401/, /404/]); // the foreign case's 404 and the ended session's 401 are expected
    await signIn(executor.page, 'uglich_exec', EXECUTOR_PASSWORD);
    const cases = (await apiFrom(executor.page, '/api/cases')) as { status: number; json: { items: { id: string }[] } };
    expect(cases.json.items.map((c) => c.id)).toEqual([oldCase]);
    expect((await apiFrom(executor.page, `/api/cases/${otherCase}`)).status, 'чужое обращение').toBe(404);

    await admin.getByRole('button', { name: 'Отключить uglich_exec' }).click();
    await admin.getByRole('button', { name: 'Да, отключить' }).click();
    await admin.getByText('Пользователь uglich_exec отключён: его сеансы завершены.').waitFor();
    await admin.getByRole('cell', { name: /^отключён/ }).waitFor();
    expect((await apiFrom(executor.page, '/api/cases')).status, 'сеанс отключённого завершён сразу').toBe(401);
    await executor.page.reload();
    await executor.page.getByRole('heading', { name: 'Вход' }).waitFor();
    await admin.getByText(/uglich_exec: отключён/).waitFor(); // the journal names the change
    await executor.context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('отозванный на экране токен получает 401 со следующего запроса', async () => {
    problems = [];
    await admin.getByRole('link', { name: 'Токены интеграций' }).click();
    await admin.getByRole('heading', { name: 'Токены интеграций' }).waitFor();
    const form = admin.getByRole('form', { name: 'Новый токен' });
    await form.getByLabel('Название').fill('Портал Углича');
    await form.getByLabel('Область').selectOption('messages:web');
    await form.getByRole('button', { name: 'Создать токен' }).click();
    const token = (await admin.getByLabel('Значение токена').textContent()) ?? '';
    expect(token).toMatch(/^otk/);
    const send = () =>
      fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'web',
          externalId: `token-${Math.random()}`,
          text: 'В Угличе не горят фонари на улице',
        }),
      });
    expect((await send()).status).toBeLessThan(300);
    await admin.reload();
    await admin.getByRole('cell', { name: 'Портал Углича', exact: true }).waitFor();
    await expect
      .poll(async () => admin.getByRole('row', { name: /Портал Углича/ }).textContent())
      .not.toContain('не использовался');
    await admin.getByRole('button', { name: 'Отозвать токен Портал Углича' }).click();
    await admin.getByRole('button', { name: 'Да, отозвать' }).click();
    await admin.getByRole('cell', { name: /^отозван/ }).waitFor();
    expect((await send()).status).toBe(401);
    expect(problems).toEqual([]);
  }, 120_000);

  it('переименованная категория: новое название у нового обращения, прежнее — в истории старого', async () => {
    problems = [];
    const detail = (await apiFrom(admin, `/api/cases/${oldCase}`)) as {
      json: { block: string; category: string; categoryName: string };
    };
    const { block, category, categoryName: oldName } = detail.json;
    expect(oldName).toBeTruthy();
    await admin.getByRole('link', { name: 'Категории' }).click();
    await admin.getByRole('heading', { name: 'Категории' }).waitFor();
    await admin.getByRole('button', { name: `Изменить: ${oldName}` }).click();
    const editor = admin.getByRole('form', { name: `Изменить категорию ${oldName}` });
    await editor.getByLabel('Название').fill('Ямы и выбоины на проезжей части');
    await editor.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByRole('cell', { name: 'Ямы и выбоины на проезжей части', exact: true }).waitFor();
    await admin.getByRole('cell', { name: new RegExp(`^${oldName} \\(`) }).waitFor();

    const fresh = await receiveMessage(rootContext(server.services, SYSTEM_ACTOR), {
      channel: 'web',
      externalId: 'adm-e2e-3',
      text: 'В Угличе огромная яма на дороге у дома 9',
    });
    const freshDetail = (await apiFrom(admin, `/api/cases/${fresh.result.caseId}`)) as {
      json: { block: string; category: string };
    };
    expect([freshDetail.json.block, freshDetail.json.category]).toEqual([block, category]);

    await admin.goto(`${server.url}/#/cases/${fresh.result.caseId}`);
    await admin.reload(); // the reference (with the new name) loads again
    await admin.getByRole('heading', { name: 'История' }).waitFor();
    await expect.poll(() => admin.locator('main').textContent()).toContain('Ямы и выбоины на проезжей части');

    await admin.goto(`${server.url}/#/cases/${oldCase}`);
    const history = admin.getByRole('region', { name: 'История' });
    await history.waitFor();
    await expect.poll(() => history.textContent()).toContain(`→ ${oldName}`);
    expect(await history.textContent()).not.toContain('Ямы и выбоины на проезжей части');
    expect(problems).toEqual([]);
  }, 120_000);

  it('название организации из импорта, которого нет в справочнике, сопоставляется с организацией', async () => {
    problems = [];
    await admin.getByRole('link', { name: 'Администрирование' }).click();
    await admin.getByRole('link', { name: 'Организации из импорта' }).click();
    await admin.getByRole('heading', { name: 'Организации из импорта' }).waitFor();
    const row = admin.getByRole('row', { name: /Благоустройство Углича/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('1');
    await row.getByRole('combobox', { name: /^Организация справочника/ }).selectOption(String(organisationId));
    await row.getByRole('button', { name: 'Сопоставить' }).click();
    await row.getByText(/^сопоставлено: /).waitFor();
    await admin.getByRole('button', { name: 'Удалить псевдоним МУП «Благоустройство Углича»' }).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('«Организации»: новая организация появляется в справочнике, журнал называет её, кто и когда', async () => {
    problems = [];
    await openScreen('Организации');
    const form = admin.getByRole('form', { name: 'Новая организация' });
    await form.getByLabel('Название').fill(NEW_ORGANISATION);
    await form.getByRole('button', { name: 'Добавить организацию' }).click();
    await admin.getByRole('cell', { name: NEW_ORGANISATION, exact: true }).waitFor();
    await journalNames(new RegExp(`${NEW_ORGANISATION}: создан`));
    const listed = (await apiFrom(admin, '/api/admin/organisations')) as {
      json: { items: { id: number; name: string; active: boolean }[] };
    };
    expect(listed.json.items.find((o) => o.name === NEW_ORGANISATION)?.active).toBe(true);
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);

  it('«Маршрутизация»: правило направляет новое обращение в выбранную организацию', async () => {
    problems = [];
    const old = await caseOf(oldCase);
    await openScreen('Маршрутизация');
    const form = admin.getByRole('form', { name: 'Новое правило' });
    await form.getByRole('combobox', { name: 'Блок' }).selectOption(old.block);
    await form.getByRole('combobox', { name: 'Категория' }).selectOption(old.category);
    const ref = (await apiFrom(admin, '/api/reference')) as {
      json: { municipalities: { code: string; shortName: string }[] };
    };
    const municipality = ref.json.municipalities.find((m) => m.shortName === old.municipality)?.code ?? '';
    await form.getByRole('combobox', { name: 'Муниципалитет' }).selectOption(municipality);
    await form.getByRole('combobox', { name: 'Организация' }).selectOption({ label: NEW_ORGANISATION });
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    await admin.getByRole('cell', { name: NEW_ORGANISATION, exact: true }).waitFor();
    await journalNames(new RegExp(`${old.blockName} / ${old.categoryName} / ${old.municipality}: создан`));
    const routed = await caseOf(await send('adm-e2e-route', 'В Угличе огромная яма на дороге у дома 17'));
    expect([routed.block, routed.category, routed.municipality]).toEqual([old.block, old.category, old.municipality]);
    expect(routed.organisationId).not.toBe(old.organisationId);
    const listed = (await apiFrom(admin, '/api/admin/organisations')) as {
      json: { items: { id: number; name: string }[] };
    };
    expect(routed.organisationId).toBe(listed.json.items.find((o) => o.name === NEW_ORGANISATION)?.id);
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);

  it('«Сроки ответа»: новое правило задаёт срок окончательного ответа новому обращению', async () => {
    problems = [];
    const old = await caseOf(oldCase);
    await openScreen('Сроки ответа');
    const form = admin.getByRole('form', { name: 'Новое правило сроков' });
    await form.getByRole('combobox', { name: 'Канал' }).selectOption('web');
    await form.getByRole('combobox', { name: 'Блок' }).selectOption(old.block);
    await form.getByRole('combobox', { name: 'Категория' }).selectOption(old.category);
    await form.getByRole('combobox', { name: 'Окончательный ответ: единица' }).selectOption('calendar_days');
    await form.getByRole('spinbutton', { name: 'Окончательный ответ' }).fill('20');
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    await admin.getByRole('cell', { name: '20 календарных дней', exact: true }).waitFor();
    await journalNames(new RegExp(` / ${old.blockName} / ${old.categoryName}: создан`));
    const due = await caseOf(await send('adm-e2e-due', 'В Угличе огромная яма на дороге у дома 23'));
    const days = (Date.parse(due.finalAnswerDueAt ?? '') - Date.parse(due.createdAt)) / DAY_MS;
    expect(days).toBeGreaterThanOrEqual(19);
    expect(days).toBeLessThanOrEqual(21);
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);

  it('«Ключевые слова мониторинга»: добавленная фраза делает публичный пост сообщением блока', async () => {
    problems = [];
    const { blockName: blockLabel } = await caseOf(oldCase);
    const post = {
      network: 'vk',
      url: 'https://vk.com/wall-1_77',
      externalId: 'wall-1_77',
      author: null,
      authorId: null,
      text: 'Угличане жалуются: у школы на улице Ленина снова бродячие лоси, дети боятся идти на уроки',
      time: server.services.clock.now(),
      geo: null,
    };
    const ingest = async (externalId: string) =>
      (await ingestPosts(rootContext(server.services, SYSTEM_ACTOR), [{ ...post, externalId }], 'e2e'))[0];
    expect((await ingest('wall-1_77'))?.accepted, 'до изменения пост не берётся').toBe(false);
    await openScreen('Ключевые слова мониторинга');
    await admin.getByRole('button', { name: `Изменить набор: ${blockLabel}` }).click();
    const phrases = admin
      .getByRole('form', { name: `Ключевые слова: ${blockLabel}` })
      .getByLabel('Фразы, по одной в строке');
    await phrases.fill(`${await phrases.inputValue()}\nбродячие лоси`);
    await admin.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByRole('button', { name: `Изменить набор: ${blockLabel}` }).waitFor();
    await journalNames(new RegExp(`${blockLabel}: изменён`));
    const after = await ingest('wall-1_78');
    expect(after?.accepted, 'после изменения пост берётся').toBe(true);
    expect(after?.caseId, 'пост стал обращением').toBeTruthy();
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);

  it('«Нормы нагрузки»: заданные нормы дают оценку числа сотрудников на «Нагрузке»', async () => {
    problems = [];
    await openScreen('Нормы нагрузки');
    const button = admin.getByRole('button', { name: /^Задать нормы: / }).first();
    const blockLabel = ((await button.getAttribute('aria-label')) ?? '').replace('Задать нормы: ', '');
    await admin.getByRole('button', { name: `Задать нормы: ${blockLabel}` }).click();
    const form = admin.getByRole('form', { name: `Нормы: ${blockLabel}` });
    await form.getByLabel('Минут на сообщение').fill('12');
    await form.getByLabel('Минут на ответ').fill('25');
    await form.getByLabel('Часов сотрудника в месяц').fill('150');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    const row = admin.getByRole('row', { name: new RegExp(`^${blockLabel}`) });
    await expect.poll(() => row.textContent()).toContain(', admin'); // when and who (login)
    expect(await row.textContent()).toMatch(/12.*25.*150.*\d\d\.\d\d\.\d{4}/);
    await journalNames(new RegExp(`${blockLabel}: изменён`));
    const workload = (await apiFrom(admin, '/api/analytics/workload')) as {
      json: { blocks: { key: string; name: string; norms: unknown; staffNeeded: number | null }[] };
    };
    const estimated = workload.json.blocks.find((b) => b.name === blockLabel);
    expect(estimated?.norms).toEqual({ minutesPerMessage: 12, minutesPerAnswer: 25, hoursPerStaffMonth: 150 });
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);

  it('«Каналы»: новое сообщение виджета видно в последнем сообщении канала после «Обновить»', async () => {
    problems = [];
    await openScreen('Каналы');
    const row = admin.getByRole('row', { name: /^Виджет на сайтах/ });
    const before = (await row.getByRole('cell').nth(1).textContent()) ?? '';
    expect(before).toMatch(/^\d\d\.\d\d\.\d{4}/);
    server.services.clock.advance(5 * 60_000); // within the session's idle limit
    await send('adm-e2e-channel', 'В Угличе не работает светофор на перекрёстке у рынка');
    await admin.getByRole('button', { name: 'Обновить' }).click();
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).not.toBe(before);
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/^\d\d\.\d\d\.\d{4}/);
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);

  it('«Модели классификатора»: включение прежней версии (откат) отмечает, кто и когда её включил', async () => {
    problems = [];
    await openScreen('Модели классификатора', 'Качество классификатора');
    const versions = admin.getByRole('table', { name: 'Версии классификатора' });
    await versions.waitFor();
    await versions.getByRole('button', { name: 'Включить версию 2' }).click();
    const second = versions.getByRole('row', { name: /^2 \(включена\)/ });
    await second.waitFor();
    expect(await second.textContent()).toMatch(
      new RegExp(`включена вручную \\(${ADMIN_LABEL.replace(/[()]/g, '\\$&')}\\) \\d\\d\\.\\d\\d\\.\\d{4}`),
    );
    await versions.getByRole('button', { name: 'Включить версию 1' }).waitFor();
    const models = (await apiFrom(admin, '/api/classifier/models')) as {
      json: { items: { version: number; status: string }[] };
    };
    expect(models.json.items.find((m) => m.status === 'active')?.version).toBe(2);
    await fitsWidths();
    expect(problems).toEqual([]);
  }, 60_000);
});
