// The web workspace in a real browser: Debian's Chromium through playwright-core against the real server (built
// SPA, demo data, fresh PGlite folder or a fresh PostgreSQL database on TEST_DATABASE_URL). One walk through the
// main screens, in order, as the people who use them; a screenshot of each screen goes to
// test-results/screenshots/. Any console error or page error fails the step it happened in, unless the step
// expects exactly that response (the foreign case's 404, the expired session's 401).
// Without Chromium the suite is skipped with the reason, except in CI (CI=true), where that is a failure.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { currentCode } from '../../server/features/auth/second-factor';
import { findChromium, launchChromium } from './browser';
import { accessibilityProblems } from './accessibility';
import { startE2eServer, type E2eServer } from './e2e-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const STEP_MS = 60_000;

const chromiumPath = findChromium();
const inCi = process.env.CI === 'true';
const skipReason = 'Chromium не найден (нужен пакет chromium или OTKLIK_CHROMIUM): проверки в браузере пропущены';
if (!chromiumPath && !inCi) console.warn(`web/e2e: ${skipReason}`);

describe.runIf(!chromiumPath && inCi)('браузер в CI', () => {
  it('Chromium установлен (в CI его отсутствие — ошибка)', () => {
    expect.fail(
      'CI=true, но Chromium не найден: установите пакет chromium (apt-get install chromium) или задайте OTKLIK_CHROMIUM',
    );
  });
});

describe.skipIf(!chromiumPath)(`веб-интерфейс в Chromium${chromiumPath ? '' : ` — ${skipReason}`}`, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Console and page errors since the step began; `expected` lists responses the step provokes on purpose. */
  let problems: string[] = [];
  let expected: RegExp[] = [];
  let dialogs: string[] = [];
  let caseId = '';
  let xssCaseId = '';

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startE2eServer({ demoCount: 60 });
    browser = await launchChromium(chromiumPath ?? '');
    // a browser far from Moscow: dates must still be Moscow dates
    context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'America/New_York',
      viewport: { width: 1400, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() !== 'error') return;
      const text = `console: ${m.text()} @ ${m.location().url}`;
      if (!expected.some((re) => re.test(text))) problems.push(text);
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Each step: fresh problem list, then no console/page errors and no dialogs at its end. */
  const step = (name: string, fn: () => Promise<void>, allow: RegExp[] = []) =>
    it(
      name,
      async () => {
        problems = [];
        dialogs = [];
        expected = allow;
        try {
          await fn();
          await page.waitForLoadState('networkidle').catch(() => undefined);
        } catch (error) {
          await page
            .screenshot({ path: path.join(SHOTS, `failed-${name.replace(/[^\p{L}\d]+/gu, '-')}.png`), fullPage: true })
            .catch(() => undefined);
          throw error;
        } finally {
          expected = [];
        }
        expect(problems, 'ошибки в консоли браузера').toEqual([]);
        expect(dialogs, 'диалоги alert/confirm').toEqual([]);
      },
      STEP_MS,
    );

  /** A screenshot of a main screen, after checking its accessibility (axe-core, WCAG 2.1 A/AA; text contrast). */
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    expect(await accessibilityProblems(page), `доступность (axe-core, контраст) экрана ${name}`).toEqual([]);
  };
  const url = (hash: string) => `${server.url}/#${hash}`;

  async function signIn(login: string): Promise<void> {
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  }

  /** Signs out and comes back to the start page (a sign-in keeps the address it happened on). */
  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.goto(url('/'));
  }

  /** A JSON call with the browser's session (what the page itself would send). */
  async function api<T>(pathname: string, body?: unknown): Promise<{ status: number; json: T }> {
    return page.evaluate(
      async ({ p, b }) => {
        const r = await fetch(
          p,
          b === undefined
            ? {}
            : {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-Otklik-Request': '1' },
                body: JSON.stringify(b),
              },
        );
        return { status: r.status, json: (await r.json()) as unknown };
      },
      { p: pathname, b: body },
    ) as Promise<{ status: number; json: T }>;
  }

  const waitIdle = () =>
    page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, {
      timeout: 30_000,
    });

  step('страница приложения проверяется при каждом открытии, файлы с хешем в имени кешируются навсегда', async () => {
    const html = await context.request.get(`${server.url}/`);
    expect(html.headers()['cache-control']).toBe('private, no-cache');
    expect(html.headers()['content-security-policy']).toMatch(/object-src 'none'.*frame-ancestors 'none'/);
    expect(await html.text(), 'страница несёт ответ о сессии: никто не вошёл').toContain(
      'window.__otklikSession = {"user":null};',
    );
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script, 'index.html ссылается на собранный скрипт').toBeTruthy();
    const asset = await context.request.get(`${server.url}${script ?? ''}`);
    expect(asset.status()).toBe(200);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const deepLink = await context.request.get(`${server.url}/some/old/link`); // any other address gets the app's page
    expect(deepLink.headers()['content-type']).toMatch(/text\/html/);
    expect(deepLink.headers()['cache-control']).toBe('private, no-cache');
  });

  step('вход оператора без ошибок в консоли и «Входящие»', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await shot('01-sign-in');
    await signIn('operator');
    await page.getByRole('heading', { name: 'Входящие' }).waitFor();
    await page.locator('table.cases tbody tr').first().waitFor();
    expect(await page.locator('.total').textContent()).toMatch(/Найдено \d/);
    const created = await page.locator('table.cases tbody tr').first().locator('td').nth(2).textContent(); // after the selection box and the number
    expect(created, 'дата в таблице — ДД.ММ.ГГГГ ЧЧ:ММ').toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d/);
    await shot('02-inbox');
  });

  step(
    'политика содержимого и защита от подделки запросов работают в браузере',
    async () => {
      const outcome = await page.evaluate(async () => {
        const injected = document.createElement('script');
        injected.textContent = 'window.__injected = true;';
        document.head.append(injected);
        const withoutHeader = await fetch('/api/clusters', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: '{}',
        });
        return { ran: (window as { __injected?: boolean }).__injected === true, status: withoutHeader.status };
      });
      expect(outcome).toEqual({ ran: false, status: 403 });
    },
    [/Content Security Policy/, /status of 403/],
  );
  step('«Уведомления»: счётчик в шапке, список, настройки; фильтр «доставка не удалась»', async () => {
    await page.getByRole('link', { name: /^Уведомления/ }).click();
    await page.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Настройки уведомлений' }).waitFor();
    const box = page.getByLabel('Срок ответа нарушен: Почта');
    await box.waitFor();
    await page.getByLabel('Присылать на почту и в Telegram одну сводку в день вместо отдельных сообщений').check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки сохранены').waitFor();
    const saved = await api<{ digest: boolean }>('/api/notifications/preferences');
    expect(saved.json.digest).toBe(true);
    await shot('02a-notifications');
    await page.goto(url('/inbox?delivery=failed'));
    await page.getByRole('heading', { name: 'Входящие' }).waitFor();
    await waitIdle();
    expect(await page.getByLabel('Доставка').inputValue()).toBe('failed');
    await page.goto(url('/inbox'));
    await page.locator('table.cases tbody tr').first().waitFor();
    await waitIdle();
  });

  step(
    'открытие «Входящих» заново: сессия уже в странице, данные экрана запрошены один раз, до кода приложения',
    async () => {
      const html = await (await context.request.get(`${server.url}/`)).text();
      expect(html).toContain('"login":"operator"');
      const asked: string[] = [];
      const listen = (r: { url(): string }) => {
        if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname);
      };
      page.on('request', listen);
      try {
        await page.goto(url('/inbox'));
        await page.reload();
        await page.locator('table.cases tbody tr').first().waitFor();
        await waitIdle();
      } finally {
        page.off('request', listen);
      }
      const count = (path: string) => asked.filter((p) => p === path).length;
      expect(count('/api/auth/session'), 'сессию не спрашивают: она в странице').toBe(0);
      expect(count('/api/cases'), 'первая страница списка — один запрос (взят готовым)').toBe(1);
      expect(count('/api/cases/facets')).toBe(1);
      expect(count('/api/reference')).toBe(1);
    },
  );

  step('фильтр «Входящих», счётчики, период ДД.ММ.ГГГГ и клавиатура', async () => {
    const all = await api<{ total: number }>('/api/cases?pageSize=1');
    await page.getByLabel('Отраслевой блок').selectOption('zhkh');
    await page.waitForURL(/block=zhkh/);
    await waitIdle();
    const zhkh = await api<{ total: number }>('/api/cases?pageSize=1&block=zhkh');
    expect(zhkh.json.total).toBeLessThan(all.json.total);
    await expect.poll(() => page.locator('.total').textContent()).toContain(String(zhkh.json.total));
    // counts per filter option come from the server
    const option = await page.getByLabel('Отраслевой блок').locator('option[value="zhkh"]').textContent();
    expect(option).toContain(`(${zhkh.json.total})`);
    // the period is typed as ДД.ММ.ГГГГ whatever the browser's locale
    await page.getByLabel('Период: с').fill('01.01.2020');
    await page.getByLabel('Период: с').press('Enter');
    await page.waitForURL(/from=2020-01-01/);
    expect(await page.getByLabel('Период: с').inputValue()).toBe('01.01.2020');
    await page.getByLabel('Период: с').fill('31.02.2020');
    await page.getByLabel('Период: с').press('Enter');
    await page.getByText('Такой даты нет в календаре: 31.02.2020').waitFor();
    await page.getByLabel('Период: с').fill('');
    await page.getByLabel('Период: с').press('Enter');
    await page.waitForURL((u) => !u.hash.includes('from='));
    await waitIdle();
    // keyboard: j moves the active row, Enter opens it
    await page.getByRole('heading', { name: 'Входящие' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const active = await page.locator('tr.row-active').getAttribute('data-id');
    expect(active).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/cases/${active}$`));
    await page.getByRole('heading', { name: 'История' }).waitFor();
    await shot('03-case');
  });

  step('сохранённое представление «Входящих»', async () => {
    await page.goto(url('/inbox?deadline=overdue&sort=due_asc'));
    await page.locator('table.cases tbody tr, .state-empty').first().waitFor();
    await page.getByRole('button', { name: 'Сохранить представление…' }).click();
    await page.getByLabel('Название представления').fill('Просроченные');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText('Представление «Просроченные» сохранено').waitFor();
    await page.goto(url('/inbox'));
    await page.locator('table.cases tbody tr').first().waitFor();
    await page.getByLabel('Сохранённые представления').selectOption({ label: 'Просроченные' });
    await page.waitForURL(/deadline=overdue/);
    await page.waitForURL(/sort=due_asc/);
  });

  step('сообщение с разметкой показано как текст и ничего не исполняет', async () => {
    const made = await api<{ caseId: string }>('/api/messages', {
      channel: 'email',
      externalId: `e2e-xss-${Date.now()}`,
      text: XSS,
    });
    expect(made.status).toBeLessThan(300);
    xssCaseId = made.json.caseId;
    await page.goto(url(`/cases/${xssCaseId}`));
    const text = page.locator('.message-text').first();
    await text.waitFor();
    expect(await text.textContent()).toContain(XSS);
    await page.getByText(XSS).first().waitFor();
    expect(await page.locator('.message-text img, .message-text script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  step('фото и файл сообщения: миниатюра в карточке, файл скачивается теми же байтами', async () => {
    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 180, g: 90, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const pdf = Buffer.from('%PDF-1.4\n% заявление\n%%EOF\n');
    const made = await api<{ caseId: string }>('/api/messages', {
      channel: 'email',
      externalId: `e2e-photo-${Date.now()}`,
      text: 'В Угличе яма на дороге у дома 5, фото и заявление прилагаю',
      attachments: [
        { name: 'яма.jpg', contentBase64: photo.toString('base64') },
        { name: 'заявление.pdf', contentBase64: pdf.toString('base64') },
      ],
    });
    expect(made.status).toBeLessThan(300);
    await page.goto(url(`/cases/${made.json.caseId}`));
    const thumb = page.getByRole('img', { name: 'Фото: яма.jpg' });
    await thumb.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.attachment img');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    const file = page.getByRole('link', { name: /заявление\.pdf/ });
    expect(await file.getAttribute('download')).toBe('заявление.pdf');
    const href = await file.getAttribute('href');
    const bytes = await page.evaluate(
      async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())],
      href ?? '',
    );
    expect(Buffer.from(bytes).equals(pdf)).toBe(true);
  });

  step('разбор: исправление категории и назначение исполнителя', async () => {
    const made = await api<{ caseId: string }>('/api/messages', {
      channel: 'email',
      externalId: `e2e-case-${Date.now()}`,
      text: 'В Ярославле на улице Свободы, дом 12, в подъезде уже неделю не горит свет и не убирают мусор. Примите меры.',
    });
    caseId = made.json.caseId;
    const card = await api<{ status: string }>(`/api/cases/${caseId}`);
    if (card.json.status !== 'triage') {
      const sent = await api(`/api/cases/${caseId}/transitions`, { action: 'send_to_triage' });
      expect(sent.status).toBe(200);
    }
    const ref = await api<{ organisations: { id: number; name: string }[] }>('/api/reference');
    const mayor = ref.json.organisations.find((o) => o.name === 'Мэрия города Ярославля');
    expect(mayor).toBeDefined();
    await page.goto(url('/triage'));
    await page.getByRole('heading', { name: 'Разбор' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`№ ${caseId}\\b`) }).click();
    const form = page.locator('.classification-form');
    await form.locator('select').first().waitFor();
    await form.getByLabel('Блок').selectOption('zhkh');
    await form.getByLabel('Категория').selectOption('building');
    await form.getByLabel('Исполнитель').selectOption(String(mayor?.id));
    await shot('04-triage');
    await form.getByLabel('Исполнитель').press('Control+Enter');
    await page.getByText(new RegExp(`Обращение № ${caseId} разобрано`)).waitFor();
    const after = await api<{ status: string; category: string | null; organisationId: number | null }>(
      `/api/cases/${caseId}`,
    );
    expect(after.json).toMatchObject({ status: 'assigned', category: 'building', organisationId: mayor?.id });
  });

  step(
    'сеанс истёк: вход заново, черновик ответа на месте',
    async () => {
      await page.goto(url(`/cases/${caseId}`));
      await page.getByLabel('Текст ответа').fill('Черновик ответа, который нельзя потерять при истечении сеанса.');
      await context.clearCookies();
      await page.getByRole('button', { name: 'Отправить', exact: true }).click();
      await signIn('operator');
      await expect.poll(() => page.getByLabel('Текст ответа').inputValue()).toMatch(/^Черновик ответа/);
      expect(page.url()).toContain(`#/cases/${caseId}`);
      await page.getByLabel('Текст ответа').fill('');
    },
    [/status of 401/],
  );

  step('исполнитель: «Мои обращения» по сроку и окончательный ответ', async () => {
    await signOut();
    await signIn('executor');
    await page.waitForURL(/#\/desk/);
    await page.getByRole('heading', { name: 'Мои обращения' }).waitFor();
    await page.locator('table.cases tbody tr').first().waitFor();
    const dues = await api<{ items: { finalAnswerDueAt: string | null }[] }>(
      '/api/cases?sort=due_asc&pageSize=5&status=assigned,in_progress,interim_answer,returned,reopened',
    );
    expect(dues.json.items.length).toBeGreaterThan(0);
    await shot('05-desk');
    // the header's counters open the desk filtered to what they count
    const counters = await api<{ overdue: number }>('/api/cases/counters');
    await page.locator('a[data-counter="overdue"]').click();
    await page.waitForFunction(() => location.hash.includes('deadline=overdue'));
    await expect
      .poll(() => page.locator('.total').textContent())
      .toMatch(new RegExp(`^Найдено ${counters.json.overdue}\\s`));
    await page.goto(url(`/cases/${caseId}`));
    await page.getByLabel('Окончательный').check();
    await page
      .getByLabel('Текст ответа')
      .fill(
        'Свет в подъезде восстановлен 26.11.2026, мусор вывезен. Акт осмотра приложен, проверено мастером участка.',
      );
    await shot('06-answer');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.locator('.toast').getByText('Окончательный ответ отправлен').waitFor();
    await page.locator('.case-badges').getByText('Дан ответ').waitFor();
  });

  step('контроль качества ЦУР: возврат на доработку, исполнитель правит прежний текст', async () => {
    await signOut();
    await signIn('operator');
    await page.goto(url(`/cases/${caseId}`));
    await page.getByRole('heading', { name: 'Контроль качества ЦУР' }).waitFor();
    await shot('07-review');
    // «Иное» without a word of what to fix is refused before it reaches the executor
    await page.getByLabel('Причина возврата').selectOption('other');
    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.getByText('При причине «Иное» напишите исполнителю, что исправить').waitFor();
    await page.getByLabel('Комментарий исполнителю').fill('Укажите дату вывоза мусора.');
    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.locator('.case-badges').getByText('Возвращено на доработку').waitFor();
    await signOut();
    await signIn('executor');
    await page.waitForURL(/#\/desk/);
    await page.goto(url(`/cases/${caseId}`));
    await page.getByRole('button', { name: 'Взять текст возвращённого ответа' }).click();
    await expect.poll(() => page.getByLabel('Текст ответа').inputValue()).toMatch(/^Свет в подъезде восстановлен/);
    await page.getByLabel('Окончательный').check();
    const text = page.getByLabel('Текст ответа');
    await text.fill(`${await text.inputValue()} Мусор вывезен 26.11.2026 в 10:00.`);
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.locator('.toast').getByText('Окончательный ответ отправлен').waitFor();
  });

  step('контроль качества ЦУР: ответ принят', async () => {
    await signOut();
    await signIn('operator');
    await page.goto(url(`/cases/${caseId}`));
    await page.getByRole('heading', { name: 'Контроль качества ЦУР' }).waitFor();
    await page.getByRole('button', { name: 'Принять ответ' }).click();
    await page.locator('.case-badges').getByText('Принято ЦУР').waitFor();
    const card = await api<{ status: string; allowedActions: string[] }>(`/api/cases/${caseId}`);
    expect(card.json.status).toBe('accepted');
  });

  step('комплексная картина: столбец диаграммы открывает свои обращения', async () => {
    await page.goto(url('/dashboard?period=all'));
    await page.getByRole('heading', { name: 'Комплексная картина проблем' }).waitFor();
    const blocks = page.locator('section[aria-labelledby="dash-blocks-title"]');
    const bar = blocks.locator('.chart svg path[fill="#1d5fa8"], .chart svg path[fill="rgb(29,95,168)"]').first();
    await bar.waitFor();
    await waitIdle();
    // charts below the fold are drawn when they come near the screen
    await page.locator('section[aria-labelledby="dash-categories-title"]').scrollIntoViewIfNeeded();
    await page
      .locator(
        'section[aria-labelledby="dash-categories-title"] .chart svg path[fill="#1d5fa8"], section[aria-labelledby="dash-categories-title"] .chart svg path[fill="rgb(29,95,168)"]',
      )
      .first()
      .waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('08-dashboard');
    const firstRow = blocks.locator('.figure-table tbody tr').first();
    const label = (await firstRow.locator('th').textContent()) ?? '';
    const count = Number(((await firstRow.locator('td').first().textContent()) ?? '').replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    // the largest bar is the first one drawn; click it in the chart itself
    await bar.click();
    await page.waitForURL(/#\/inbox\?block=/);
    await page.locator('table.cases tbody tr').first().waitFor();
    await waitIdle();
    await expect
      .poll(() => page.locator('.total').textContent())
      .toMatch(new RegExp(`Найдено ${count.toLocaleString('ru-RU').replace(/\s/g, '\\s')}\\b`));
    expect(label).toBeTruthy();
  });

  step('комплексная картина: карта рисует границы округов, клик по округу открывает его обращения', async () => {
    await page.goto(url('/dashboard?period=all'));
    const map = page.locator('section[aria-labelledby="dash-map-title"]');
    await map.scrollIntoViewIfNeeded();
    await map.locator('.chart svg path').nth(19).waitFor();
    await expect.poll(() => map.textContent()).toMatch(/участники OpenStreetMap, ODbL 1\.0/);
    const box = await map.locator('.chart').boundingBox();
    if (!box) throw new Error('карта не нарисована');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/#\/inbox\?municipality=/);
    await page.locator('h1').first().waitFor();
  });

  step('руководитель заводит показатель с целями по годам и меняет его', async () => {
    await signOut();
    await signIn('head');
    await page.goto(url('/kpi'));
    await page.getByRole('heading', { name: 'Показатели' }).waitFor();
    await page.getByRole('button', { name: 'Новый показатель' }).click();
    const form = page.getByRole('form', { name: 'Новый показатель' });
    await form.getByLabel('Формулировка').fill('Доля обращений по ЖКХ с ответом в срок');
    await form.getByLabel('Код (латиница, цифры, «_»)').fill('zhkh_on_time');
    await form.getByLabel('Вид').selectOption('mandatory');
    await form.getByLabel('Единица').fill('%');
    await form.getByLabel('Ответственный').fill('Руководитель блока ЖКХ');
    await form.getByRole('textbox', { name: 'Срок', exact: true }).fill('31.12.2026');
    await form.getByRole('textbox', { name: 'Срок', exact: true }).press('Tab');
    await form.getByLabel('Цель', { exact: true }).first().fill('не число');
    await form.getByRole('button', { name: 'Создать показатель' }).click();
    await form.getByRole('alert').filter({ hasText: 'введите число' }).waitFor(); // nothing sent, nothing lost
    await form.getByLabel('Цель', { exact: true }).first().fill('85,5');
    await form.getByRole('button', { name: 'Создать показатель' }).click();
    const panel = page.getByRole('region', { name: 'Доля обращений по ЖКХ с ответом в срок' });
    await panel.getByText('2026: 85,5 %').waitFor();
    await panel.getByText('31.12.2026').first().waitFor();
    await panel.getByRole('button', { name: 'Изменить' }).click();
    const edit = page.getByRole('form', { name: /Изменить показатель/ });
    await edit.getByRole('button', { name: 'Добавить год' }).click();
    await edit.getByLabel('Цель', { exact: true }).nth(1).fill('90');
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await panel.getByText(/2027: 90 %/).waitFor();
    await shot('10-kpi');
  });

  step(
    'исполнитель другой организации не открывает чужое обращение',
    async () => {
      await signOut();
      await signIn('executor_rybinsk');
      const direct = await api<{ error: { code: string; message: string } }>(`/api/cases/${caseId}`);
      expect([403, 404]).toContain(direct.status);
      expect(direct.json.error.message).toMatch(/[а-я]/i);
      await page.goto(url(`/cases/${caseId}`));
      await page.getByRole('heading', { name: 'Обращение не найдено' }).waitFor();
      await page.getByText(`Обращения № ${caseId} нет или оно вам недоступно.`).waitFor();
      await shot('09-foreign-case');
    },
    [/status of 404/],
  );

  step('администратор задаёт, меняет и удаляет правило публикации ответов', async () => {
    await signOut();
    await signIn('admin');
    await page.getByRole('link', { name: 'Публикация ответов' }).click();
    await page.getByRole('heading', { name: 'Публикация ответов' }).waitFor();
    await page.getByText('Правил нет: все ответы публикуются только после принятия ЦУР.').waitFor();
    await page.getByRole('button', { name: 'Новое правило' }).click();
    const form = page.getByRole('form', { name: 'Новое правило публикации' });
    await form.getByLabel('Канал').selectOption('email');
    await form.getByLabel('Публикация ответа').selectOption('auto');
    await form.getByLabel('Рабочих часов до принятия').fill('восемь');
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    await form.getByRole('alert').filter({ hasText: 'целое число рабочих часов' }).waitFor(); // nothing sent
    await form.getByLabel('Рабочих часов до принятия').fill('8');
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Электронная почта' });
    await row.filter({ hasText: 'Автоматически через рабочие часы' }).waitFor();
    const saved = await api<{
      items: { channel: string | null; organisationId: number | null; mode: string; autoAcceptHours: number | null }[];
    }>('/api/publication-policies');
    expect(saved.json.items).toEqual([
      expect.objectContaining({ channel: 'email', organisationId: null, mode: 'auto', autoAcceptHours: 8 }),
    ]);
    await shot('12-publication');
    await row.getByRole('button', { name: 'Изменить правило: Электронная почта, все организации' }).click();
    const edit = page.getByRole('form', { name: 'Изменить правило публикации' });
    await edit.getByLabel('Публикация ответа').selectOption('control');
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await row.filter({ hasText: 'Только после принятия ЦУР' }).waitFor();
    await row.getByRole('button', { name: 'Удалить правило: Электронная почта, все организации' }).click();
    await row.getByRole('button', { name: 'Да, удалить' }).click();
    await page.getByText('Правил нет: все ответы публикуются только после принятия ЦУР.').waitFor();
    expect((await api<{ items: unknown[] }>('/api/publication-policies')).json.items).toEqual([]);
  });

  step(
    'аудитор: персональные данные в карточке скрыты, журнал доступа показывает, кто открывал обращение',
    async () => {
      await signOut();
      await signIn('auditor');
      await page.goto(url(`/cases/${caseId}`));
      await page.getByText('скрыт: нет доступа к персональным данным').waitFor();
      await page.getByRole('link', { name: 'Журнал доступа к ПДн' }).click();
      await page.getByRole('heading', { name: 'Журнал доступа к персональным данным' }).waitFor();
      await page.getByLabel('Обращение №').fill(caseId);
      const row = page
        .getByRole('row')
        .filter({ hasText: 'Карточка обращения' })
        .filter({ hasText: 'operator' })
        .first();
      await row.waitFor();
      await expect(row.getByRole('link', { name: `№ ${caseId}` }).count()).resolves.toBeGreaterThan(0);
      await waitIdle();
      await shot('11-audit');
    },
  );
  step(
    'сотрудник подключает второй фактор и входит по коду восстановления',
    async () => {
      await signOut();
      await signIn('media_officer');
      await page.getByRole('link', { name: 'Специалист по СМИ (демо)' }).click();
      await page.getByRole('heading', { name: 'Учётная запись' }).waitFor();
      await page.getByRole('button', { name: 'Подключить', exact: true }).click();
      await page.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).waitFor();
      const secret = (await page.locator('.totp-secret').textContent()) ?? '';
      await page
        .getByRole('textbox', { name: 'Код из приложения' })
        .fill(currentCode(secret, server.services.clock.now()));
      await page.getByRole('button', { name: 'Подключить', exact: true }).click();
      const list = page.getByRole('list', { name: 'Коды восстановления' });
      await list.waitFor();
      const codes = await list.getByRole('listitem').allTextContents();
      expect(codes).toHaveLength(10);
      await shot('11-second-factor');
      await page.getByRole('button', { name: 'Коды сохранены, продолжить' }).click();
      await page.getByText('Подключён: при входе нужен код').waitFor();
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('heading', { name: 'Вход' }).waitFor();
      await page.getByLabel('Логин').fill('media_officer');
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByLabel('Код из приложения').fill(codes[0] ?? '');
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('button', { name: 'Выйти' }).waitFor();
    },
    [/status of 401/],
  );
});
