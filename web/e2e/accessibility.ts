// Accessibility of the current screen: axe-core's WCAG 2.1 A and AA rules, and the project's own contrast check
// (contrast.ts, ГОСТ Р 52872-2019). Returns one line per problem, empty when the screen is clean.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { contrastProblems } from './contrast';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations on the page as it is now (the script is evaluated through the driver: the page's CSP
 * does not apply to it, and the page is not changed otherwise). */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')}`));
  }, WCAG_TAGS);
}

/** Every accessibility problem of the screen: axe-core's and the contrast check's. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const contrast = await contrastProblems(page);
  return [
    ...(await axeViolations(page)),
    ...contrast.map((c) => `contrast ${c.ratio.toFixed(2)} < ${c.needed}: «${c.text}» ${c.color} on ${c.background}`),
  ];
}
