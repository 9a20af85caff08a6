import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Where screenshots of each page go (kept as test artifacts). */
export const ARTIFACTS_DIR = new URL('../../test-results/browser/', import.meta.url);

/**
 * Opens the app in a fresh browser context and signs in through the local Internet Identity as a new identity
 * named `name` (or an existing one); returns the page and the principal the app shows.
 */
export async function signIn(browser: Browser, appUrl: string, name: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; principal: string }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(appUrl);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in with Internet Identity' }).click();
  const provider = await popup;
  const existing = provider.getByRole('button', { name: new RegExp(`^Continue as ${name}`) });
  if (await existing.count()) await existing.click();
  else {
    await provider.getByLabel('Identity name').fill(name);
    await provider.getByRole('button', { name: 'Create identity' }).click();
  }
  const principal = (await page.getByTestId('principal').getAttribute('title', { timeout: 30_000 })) ?? '';
  return { context, page, principal };
}
