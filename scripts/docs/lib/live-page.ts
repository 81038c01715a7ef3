import type { Locator, Page } from 'playwright-core';

// What a reader sees first: a few messages from people, not the e2e suite's leftovers.
const MESSAGES = [
  { author: 'ada', text: 'hello pods 👋' },
  { author: 'grace', text: 'three api replicas, one Service address' },
  { author: 'linus', text: 'delete a pod and watch its bar fade' },
  { author: 'margaret', text: 'MySQL keeps its name and its volume when its pod dies' },
];

/** Posts the example messages through the page's own form, as a reader would. */
export async function postExamples(page: Page): Promise<void> {
  for (const { author, text } of MESSAGES) {
    await page.getByLabel('Name', { exact: true }).fill(author);
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Post' }).click();
    await page.locator('#messages li').filter({ hasText: text }).first().waitFor();
  }
}

/** The "Who answered" panel: one bar per api pod that answered a poll. */
export const podsPanel = (page: Page): Locator =>
  page.locator('section', { has: page.getByRole('heading', { name: 'Who answered' }) });

/**
 * The panel's area on the page, with room for one more pod below those it lists now: a
 * replacement appears before the deleted pod's bar is gone, and every frame needs one size.
 */
export async function panelArea(page: Page) {
  const panel = await podsPanel(page).boundingBox();
  const rows = page.locator('#pods [data-pod]');
  const [first, second] = [await rows.nth(0).boundingBox(), await rows.nth(1).boundingBox()];
  const counter = await page.locator('#poll-count').boundingBox();
  if (!panel || !first || !second || !counter)
    throw new Error('the panel shows fewer than two pods');
  // Down to the answer counter, which the grid stretches far below; one row more, and a margin.
  const height = counter.y + counter.height - panel.y + (second.y - first.y) + 16;
  return { ...panel, height };
}

/** Waits until the panel has counted `count` answers in all. */
export async function waitForAnswers(page: Page, count: number, timeoutMs = 60_000) {
  const counter = page.locator('#poll-count');
  for (const giveUp = Date.now() + timeoutMs; Number(await counter.textContent()) < count;) {
    if (Date.now() > giveUp) throw new Error(`the page counted fewer than ${count} answers`);
    await page.waitForTimeout(250);
  }
}

/**
 * Waits for a moment when the panel draws no pod faded. Picked at random, a live pod can go
 * unseen for 5 s and be drawn as a deleted one is; the page's picture should not show that.
 */
export async function waitForAllLive(page: Page, timeoutMs = 60_000) {
  const faded = page.locator('#pods .stale');
  for (const giveUp = Date.now() + timeoutMs; (await faded.count()) > 0;) {
    if (Date.now() > giveUp) throw new Error('the panel kept a pod faded');
    await page.waitForTimeout(250);
  }
}

/** The api pods the panel lists now. */
export async function podsShown(page: Page): Promise<string[]> {
  const rows = await page.locator('#pods [data-pod]').all();
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-pod')) ?? ''));
}

/** Waits until the panel lists `count` pods: every replica has answered a poll. */
export async function waitForPods(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  await page
    .locator('#pods [data-pod]')
    .nth(count - 1)
    .waitFor({ timeout: timeoutMs });
}
