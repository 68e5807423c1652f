import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export interface CheckEnv { page: Page; context: BrowserContext; baseUrl: string; shots: string | undefined }
export interface CheckResult { name: string; ok: boolean; error?: string }

const PASSWORD = 'demo2026';
const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('button', { name: 'Выйти' }).waitFor();
}

async function apiJson<T>(page: Page, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ url: u, body: b }) => {
    const r = await fetch(u, b === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
    return r.json() as Promise<unknown>;
  }, { url, body }) as Promise<T>;
}

function checker(page: Page, shots: string | undefined, results: CheckResult[]) {
  return async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: `${e instanceof Error ? e.message.split('\n')[0] ?? '' : String(e)} (адрес: ${page.url()})` });
      if (shots) await page.screenshot({ path: path.join(shots, `fail-${results.length}.png`), fullPage: true }).catch(() => undefined);
    }
  };
}

export async function runChecks({ page, context, baseUrl, shots }: CheckEnv): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const shot = async (name: string) => { if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true }); };
  const check = checker(page, shots, results);

  await check('вход оператора и «Входящие»', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await shot('01-sign-in');
    await signIn(page, 'operator');
    await page.getByRole('heading', { name: 'Входящие' }).waitFor();
    await page.locator('table.cases tbody tr').first().waitFor();
    const total = await page.locator('.total').textContent();
    assert(total && /Найдено \d/.test(total), `нет итога: ${total}`);
    const nav = await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link').allTextContents();
    assert(nav.join('|') === 'Входящие|Разбор|Мои обращения|Комплексная картина проблем' || nav.join('|') === 'Входящие|Разбор|Комплексная картина проблем', `меню: ${nav.join('|')}`);
    const date = await page.locator('table.cases tbody tr td').nth(1).textContent();
    assert(date && /^\d\d\.\d\d\.\d{4} \d\d:\d\d/.test(date), `формат даты: ${date}`);
    await shot('02-inbox');
  });

  await check('фильтры в адресе, сортировка и клавиатура j/Enter', async () => {
    await page.getByLabel('Отраслевой блок').selectOption({ label: 'ЖКХ' });
    await page.waitForURL(/block=zhkh/);
    await page.getByRole('button', { name: /Срок ответа/ }).click();
    await page.waitForURL(/sort=due_asc/);
    await page.reload();
    assert(await page.getByLabel('Отраслевой блок').inputValue() === 'zhkh', 'блок не восстановлен из адреса');
    await page.locator('table.cases tbody tr').first().waitFor();
    await page.getByRole('heading', { name: 'Входящие' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const active = await page.locator('tr.row-active').getAttribute('data-id');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/cases/${active}$`));
    await page.getByRole('heading', { name: `Обращение № ${active}` }).waitFor();
    await page.getByRole('heading', { name: 'История' }).waitFor();
    await shot('03-case');
    await page.getByRole('link', { name: /К списку «Входящие»/ }).click();
    await page.waitForURL(/block=zhkh/);
  });

  await check('текст обращения с разметкой показан как текст', async () => {
    const list = await apiJson<{ items: { id: string }[] }>(page, `/api/cases?q=${encodeURIComponent('onerror')}&pageSize=1`);
    let id = list.items[0]?.id;
    if (!id) {
      const made = await apiJson<{ caseId: string }>(page, '/api/messages', { channel: 'email', externalId: `e2e-xss-${Date.now()}`, text: XSS });
      id = made.caseId;
    }
    await page.goto(`${baseUrl}/#/cases/${id}`);
    const text = page.locator('.message-text').first();
    await text.waitFor();
    assert((await text.textContent())?.includes('<script>alert(2)</script>'), 'разметка не видна как текст');
    assert(await page.locator('.message-text img, .message-text script').count() === 0, 'разметка исполнена');
  });

  await check('разбор: подтверждение классификации', async () => {
    await page.goto(`${baseUrl}/#/triage`);
    await page.getByRole('heading', { name: 'Разбор' }).waitFor();
    await page.locator('.triage-case .classification-form, .state-empty').first().waitFor();
    if (await page.locator('.state-empty').count()) return;
    await shot('04-triage');
    const form = page.locator('.classification-form');
    await form.getByLabel('Блок').selectOption('zhkh');
    await form.getByLabel('Категория').selectOption('heating');
    await form.getByLabel('Исполнитель').selectOption({ index: 1 });
    await page.keyboard.press('Control+Enter');
    await page.getByText(/разобрано|классификация сохранена/).waitFor();
  });

  await check('комплексная картина: фигуры и переход во «Входящие»', async () => {
    await page.goto(`${baseUrl}/#/dashboard?period=all`);
    await page.locator('svg.map a').first().waitFor({ timeout: 30_000 });
    await page.locator('.figure .chart svg').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 60_000 });
    await shot('05-dashboard');
    await page.locator('svg.map a').first().click();
    await page.waitForURL(/#\/inbox\?municipality=/);
    await page.locator('table.cases tbody tr').first().waitFor();
  });

  await check('сеанс истёк: черновик ответа сохраняется', async () => {
    const list = await apiJson<{ items: { id: string }[] }>(page, '/api/cases?status=assigned,in_progress,reopened,returned,interim_answer&pageSize=1');
    const id = list.items[0]?.id;
    assert(id, 'нет обращения в работе');
    await page.goto(`${baseUrl}/#/cases/${id}`);
    const body = page.getByLabel('Текст ответа');
    await body.fill('Черновик ответа, который нельзя потерять при истечении сеанса.');
    await context.clearCookies();
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await signIn(page, 'operator');
    await page.getByLabel('Текст ответа').waitFor();
    assert((await page.getByLabel('Текст ответа').inputValue()).startsWith('Черновик ответа'), 'черновик потерян');
    assert(page.url().includes(`#/cases/${id}`), 'адрес не сохранён');
  });

  await check('исполнитель видит только «Мои обращения»', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.goto(`${baseUrl}/#/`);
    await signIn(page, 'executor');
    await page.waitForURL(/#\/desk/);
    const nav = await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link').allTextContents();
    assert(nav.join('|') === 'Мои обращения', `меню исполнителя: ${nav.join('|')}`);
    await page.locator('table.cases tbody tr, .state-empty').first().waitFor();
    const first = page.locator('table.cases tbody tr').first();
    if (await first.count()) {
      await first.click();
      await page.locator('.desk-panel .case-head h2').waitFor();
    }
    await shot('06-desk');
    await page.goto(`${baseUrl}/#/inbox`);
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
  });

  return results;
}

/** ЦУР quality control and saved views; run as the operator after runChecks signed in. */
export async function runMoreChecks({ page, baseUrl, shots }: CheckEnv): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = checker(page, shots, results);

  await check('контроль качества: возврат на доработку с причиной', async () => {
    const list = await apiJson<{ items: { id: string }[] }>(page, '/api/cases?status=answered&pageSize=1');
    const id = list.items[0]?.id;
    if (!id) return;
    await page.goto(`${baseUrl}/#/cases/${id}`);
    await page.getByRole('heading', { name: 'Контроль качества ЦУР' }).waitFor();
    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.getByText('Выберите причину возврата').waitFor();
    await page.getByLabel('Причина возврата').selectOption('no_date');
    await page.getByLabel('Комментарий исполнителю').fill('Укажите срок устранения.');
    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.locator('.toast').getByText(/возвращено на доработку/).waitFor();
    await page.locator('.case-badges').getByText('Возвращено на доработку').waitFor();
  });

  await check('сохранённое представление и возврат к строке списка', async () => {
    await page.goto(`${baseUrl}/#/inbox?deadline=overdue&sort=due_asc`);
    await page.locator('table.cases tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Сохранить представление…' }).click();
    await page.getByLabel('Название представления').fill('Просроченные');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText('Представление «Просроченные» сохранено').waitFor();
    await page.goto(`${baseUrl}/#/inbox`);
    await page.locator('table.cases tbody tr').first().waitFor();
    await page.getByLabel('Сохранённые представления').selectOption({ label: 'Просроченные' });
    await page.waitForURL(/deadline=overdue/);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const second = page.locator('table.cases tbody tr').nth(1);
    const id = await second.getAttribute('data-id');
    await second.click();
    await page.waitForURL(new RegExp(`#/cases/${id}$`));
    await page.goBack();
    await page.waitForFunction((rowId) => document.activeElement?.getAttribute('data-id') === rowId, id, { timeout: 10_000 });
  });
  return results;
}
