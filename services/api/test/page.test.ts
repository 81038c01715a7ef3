import { launchBrowser } from '@podtalk/test-kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startDbClient, type Api, type DbClient } from './support/topology.js';

let dbClient: DbClient;
let api: Api;
let browser: Browser;

beforeAll(async () => {
  [dbClient, browser] = await Promise.all([startDbClient('db-client-page'), launchBrowser()]);
  api = await startApi({
    DB_CLIENT_URL: dbClient.service.url,
    POD_NAME: 'api-page',
    NODE_NAME: 'kind-worker',
  });
});
afterAll(async () => {
  await browser.close();
  await api.stop('SIGKILL');
  await dbClient.stop();
});

describe('the web page in a real browser', () => {
  it('when it loads, then the live panel shows the serving pod and the db-client pod', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

    const res = await page.goto(api.url);

    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page
      .locator('#pods [data-pod="api-page"] .count')
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 5_000 });
    expect(await page.locator('#pods [data-pod="api-page"] .pod-where').textContent()).toBe(
      'kind-worker',
    );
    expect(await page.locator('#db-client').textContent()).toBe('db-client-page');
    expect(await page.locator('#served-by').textContent()).toBe('api-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when a message is posted, then it appears at the top of the list, verbatim', async () => {
    const page = await browser.newPage();
    await page.goto(api.url);
    const text = `<b>not bold</b> from the browser 🚀 ${Date.now()}`;

    await page.fill('input[name="author"]', 'browser');
    await page.fill('textarea[name="text"]', text);
    await page.click('button[type="submit"]');

    await page.locator('#messages li .text', { hasText: text }).waitFor({ timeout: 5_000 });
    expect(await page.locator('#messages li .text').first().textContent()).toBe(text);
    expect(await page.locator('#form-status').textContent()).toBe(
      'Saved by api-page → db-client-page',
    );
    expect(await page.locator('#messages b').count()).toBe(0);
    await page.screenshot({ path: 'test-results/page.png', fullPage: true });
    await page.close();
  });

  it('when a message is refused, then the page shows the problem detail', async () => {
    const page = await browser.newPage();
    await page.goto(api.url);

    await page.fill('input[name="author"]', 'browser');
    await page.fill('textarea[name="text"]', '   ');
    await page.click('button[type="submit"]');

    await page
      .locator('#form-status', { hasText: 'text must not be empty' })
      .waitFor({ timeout: 5_000 });
    await page.close();
  });
});
