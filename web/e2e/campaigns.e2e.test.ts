// Informing campaigns in a real browser (Debian's Chromium, the real server) at 1366×768: a spike of pothole
// complaints in Uglich → the media officer starts a campaign from it on «Всплески» → sends it for approval → the head of
// the centre approves it → the media officer publishes it to the VK community wall (a loopback stand-in of the VK API)
// → the campaign and its effect (complaints before and after, each number leading to its cases) are in «Комплексная
// картина». Any console error fails the test.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/features/demo/demo-users';
import { receiveMessage } from '../../server/features/intake/receive-message';
import { runDueJobs } from '../../server/jobs/dispatcher';
import { rootContext, SYSTEM_ACTOR } from '../../server/lib/context';
import { startVkStandIn, type VkStandIn } from '../../server/test/stand-ins/vk-api';
import { findChromium, launchChromium } from './browser';
import { expectCleanScreen } from './clean-screen';
import { startE2eServer, type E2eServer } from './e2e-server';

const SHOTS = path.join(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  'test-results',
  'screenshots',
);
const chromiumPath = findChromium();
const VK_TOKEN = 'vk1.a.e2e-campaign-token';
const GROUP = 218372615;
const SPIKE = 8;

describe.skipIf(!chromiumPath)('информационная кампания по всплеску в Chromium', () => {
  let server: E2eServer;
  let vk: VkStandIn;
  let browser: Browser;
  const problems: string[] = [];
  const pages: Record<'media' | 'head', Page | null> = { media: null, head: null };

  async function signIn(context: BrowserContext, login: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()} @ ${m.location().url}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    await page.goto(`${server.url}/#/comms/campaigns`);
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    vk = await startVkStandIn(VK_TOKEN);
    server = await startE2eServer({
      config: {
        vk: {
          token: VK_TOKEN,
          groupId: GROUP,
          confirmation: 'c0nf1rm8',
          secret: 'vk-e2e-campaign',
          apiBaseUrl: `${vk.url}/method`,
        },
      },
      async prepare(services) {
        const ctx = rootContext(services, SYSTEM_ACTOR);
        for (let i = 1; i <= SPIKE; i++) {
          await receiveMessage(ctx, {
            channel: 'web',
            externalId: `spike-${i}`,
            text: `В Угличе огромная яма на дороге у дома ${i}, машины бьют колёса`,
            citizenCategory: { block: 'roads', category: 'potholes' },
          });
        }
      },
    });
    browser = await launchChromium(chromiumPath ?? '');
    const options = { locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1366, height: 768 } };
    pages.media = await signIn(await browser.newContext(options), 'media_officer');
    pages.head = await signIn(await browser.newContext(options), 'head');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await vk?.close();
  });

  const clean = (page: Page, shot: string) => expectCleanScreen(page, SHOTS, shot, problems);

  it('создаёт кампанию по всплеску, руководитель утверждает, публикация уходит на стену VK, кампания и эффект — в картине', async () => {
    const media = pages.media!;
    const head = pages.head!;
    await media.goto(`${server.url}/#/analytics/spikes`);
    const spikes = media.getByRole('table');
    await spikes.getByRole('row', { name: /Ямы и ремонт дорог/ }).waitFor();
    await media.getByRole('link', { name: /Кампания по всплеску: Ямы и ремонт дорог/ }).click();

    const form = media.getByRole('form', { name: 'Новая кампания' });
    await form.getByText(/По всплеску/).waitFor();
    expect(await form.getByLabel('Категория проблемы').inputValue()).toBe('potholes');
    expect(await form.getByRole('checkbox', { name: 'Угличский' }).isChecked()).toBe(true);
    await form.getByLabel('Название').fill('Ямы в Угличе: куда сообщать');
    await form.getByLabel('Цель').fill('Сократить повторные жалобы на ямы');
    await form.getByLabel('Целевая аудитория').fill('Водители Углича');
    await form.getByRole('checkbox', { name: 'Стена сообщества ВКонтакте' }).check();
    await form
      .getByLabel('Текст')
      .fill('Ямочный ремонт в Угличе начнётся на этой неделе. Сообщить о яме: ПОС «Госуслуги. Решаем вместе».');
    await clean(media, 'campaign-new');
    await form.getByRole('button', { name: 'Сохранить' }).click();

    await media.getByRole('heading', { name: /Ямы в Угличе: куда сообщать/ }).waitFor();
    const campaignUrl = media.url();
    await media.getByRole('button', { name: 'Отправить на утверждение' }).click();
    await media.getByText('На утверждении').waitFor();
    expect(await media.getByRole('button', { name: 'Утвердить' }).count()).toBe(0);
    await clean(media, 'campaign-on-approval');

    await head.goto(campaignUrl);
    await head.getByRole('button', { name: 'Утвердить' }).click();
    await head.getByText('Утверждена', { exact: true }).waitFor();
    await clean(head, 'campaign-approved');

    await media.reload();
    await media.getByRole('button', { name: 'Опубликовать' }).click();
    const publications = media.getByRole('table', { name: 'Публикации по каналам' });
    await publications.getByText('В очереди').waitFor();
    while ((await runDueJobs(server.services)) > 0) {
      /* the outbox posts to the VK stand-in */
    }
    await media.reload();
    await publications.getByRole('link', { name: new RegExp(`https://vk\\.com/wall-${GROUP}_\\d+`) }).waitFor();
    expect(vk.posted.filter((p) => p.method === 'wall.post').map((p) => p.params.message)).toEqual([
      'Ямочный ремонт в Угличе начнётся на этой неделе. Сообщить о яме: ПОС «Госуслуги. Решаем вместе».',
    ]);
    const history = media.getByRole('region', { name: 'История' });
    for (const line of ['Отправлена на утверждение', 'Утверждена', 'Стена сообщества ВКонтакте: опубликовано'])
      await history.getByText(new RegExp(line)).first().waitFor();
    await clean(media, 'campaign-published');

    await head.goto(`${server.url}/#/dashboard`);
    const picture = head.getByRole('article', { name: 'Кампания «Ямы в Угличе: куда сообщать»' });
    await picture.waitFor();
    expect(await picture.textContent()).toContain('Ямы и ремонт дорог');
    const effect = picture.getByRole('table', { name: /Эффект кампании/ });
    const after = effect.getByRole('link', { name: /Угличский муниципальный округ, после начала: 8 обращений/ });
    await after.waitFor();
    await after.click();
    await head.waitForURL(/#\/inbox\?/);
    expect(head.url()).toContain('municipality=uglich');
    expect(head.url()).toContain('category=potholes');
    await head
      .getByText(/8 обращений|Найдено: 8/)
      .first()
      .waitFor();
    await clean(head, 'campaign-picture-drilldown');
  }, 240_000);
});
