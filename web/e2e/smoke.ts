// Browser smoke test of the web workspace against a running server with demo data (`otklik serve --demo`).
// Run: OTKLIK_E2E_URL=http://localhost:3000 node --import tsx web/e2e/smoke.ts
// Needs a Chromium on PATH (chromium, chromium-browser or google-chrome) or OTKLIK_E2E_CHROMIUM; without one it
// says so and exits 0. Screenshots go to OTKLIK_E2E_SHOTS when set.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { runChecks, runMoreChecks } from './smoke-checks';

function findChromium(): string | null {
  if (process.env.OTKLIK_E2E_CHROMIUM) return process.env.OTKLIK_E2E_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

const executablePath = findChromium();
if (!executablePath) {
  console.log('e2e: Chromium не найден — проверки в браузере пропущены');
  process.exit(0);
}
const baseUrl = (process.env.OTKLIK_E2E_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Asia/Vladivostok', viewport: { width: 1400, height: 900 } });
const page: Page = await context.newPage();
const problems: string[] = [];
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('dialog', (d) => { problems.push(`unexpected dialog: ${d.message()}`); void d.dismiss(); });

let failed = 0;
let passed = 0;
try {
  const env = { page, context, baseUrl, shots: process.env.OTKLIK_E2E_SHOTS };
  const results = await runChecks(env);
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByLabel('Логин').fill('operator');
  await page.getByLabel('Пароль').fill('demo2026');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('button', { name: 'Выйти' }).waitFor();
  results.push(...await runMoreChecks(env));
  for (const r of results) {
    if (r.ok) passed += 1;
    else failed += 1;
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.error}`}`);
  }
} finally {
  await browser.close();
}
const ignorable = (p: string) => p.includes('401') || p.includes('404');
for (const p of problems.filter((x) => !ignorable(x))) {
  failed += 1;
  console.log(`FAIL ${p}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
