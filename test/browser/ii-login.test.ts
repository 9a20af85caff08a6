/**
 * End to end, as a developer's dapp would do it: a page using the unmodified @dfinity/auth-client logs in with
 * the local identity provider in real Chromium, then calls the profile canister (real wasm in localnet, over
 * the IC HTTP interface) as the principal it got.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer } from './app-server.js';
import { launchChromium } from './chromium.js';
import { LocalStack } from './local-stack.js';

const ANONYMOUS = '2vxsx-fae';
const SETTLE_TIMEOUT_MS = 60_000;

describe('login with the local identity provider in Chromium', () => {
  let stack: LocalStack;
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    [stack, app, browser] = await Promise.all([LocalStack.start(), AppServer.start(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stack?.stop();
  });

  /** The app in a fresh browser context (its own IndexedDB, so no session carries over between tests). */
  async function openApp(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    const settings = new URLSearchParams({
      replica: stack.replicaUrl,
      profile: stack.profileCanisterId,
      identityProvider: stack.identityProviderUrl,
    });
    await page.goto(`${app.origin}/?${settings}`);
    await waitForState(page, (state) => state !== 'loading');
    return page;
  }

  it('gives a non-anonymous principal that owns its profile, and the same one at the next login', async () => {
    const page = await openApp();

    const first = await logIn(page, async (provider) => {
      await provider.getByLabel('Identity name').fill('Alice');
      await provider.getByRole('button', { name: 'Create identity' }).click();
    });
    expect(first.principal).not.toBe(ANONYMOUS);
    expect(first.principal).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5})*-[a-z0-9]{3}$/);
    expect(first).toMatchObject({ register: 'registered', profileOwner: first.principal, profileName: 'Browser tester' });

    await page.getByRole('button', { name: 'Log out' }).click();
    await waitForState(page, (state) => state === 'logged out');

    // A new session key this time (logout dropped the old one): only the identity and the origin decide the principal.
    const second = await logIn(page, (provider) => provider.getByRole('button', { name: /^Continue as Alice/ }).click());
    expect(second).toEqual({ ...first, register: 'AlreadyExists' });
  });

  it('reports a cancelled sign-in to the app as a login failure', async () => {
    const page = await openApp();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Log in' }).click();
    await (await popup).getByRole('button', { name: 'Cancel sign-in' }).click();
    expect(await waitForState(page, (state) => state !== 'logging in')).toBe('login failed: The person cancelled the sign-in.');
  });
});

/** Clicks "Log in", lets `choose` act in the identity provider's window, and reads what the app shows after. */
async function logIn(page: Page, choose: (provider: Page) => Promise<void>) {
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in' }).click();
  const provider = await popup;
  await choose(provider);
  const state = await waitForState(page, (text) => text !== 'logging in');
  expect(state).toBe('ready');
  const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
  return {
    principal: await text('principal'),
    register: await text('register'),
    profileOwner: await text('profile-owner'),
    profileName: await text('profile-name'),
  };
}

async function waitForState(page: Page, done: (state: string) => boolean): Promise<string> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const state = (await page.getByTestId('state').textContent()) ?? '';
    if (done(state) || Date.now() > deadline) return state;
    await page.waitForTimeout(100);
  }
}
