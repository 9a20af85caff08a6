/**
 * The ChargeX app in real Chromium against the whole system on localnet, as its users would use it: an admin
 * signs in through the local Internet Identity, grants herself the fleet operator role, registers a battery and
 * its monitor, sees the simulated telemetry on the map and on the battery's chart (with the reading proof
 * verified in the browser), offers it for lease; a lessee on a phone-sized screen leases it, approving and paying
 * in ckBTC through ICRC-2, and finds the payment in his wallet; an injected fault shows as an alert. Every page
 * is screenshotted (test-results/browser/) and scanned with axe-core.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './accessibility.js';
import { AppStack } from './app-stack.js';
import { ARTIFACTS_DIR, signIn } from './app-session.js';
import { launchChromium } from './chromium.js';
import { simulatedBatch, type SimulatedPack } from './simulated-telemetry.js';

const PHONE = { width: 390, height: 844 };
const UI_TIMEOUT_MS = 30_000;
const LESSEE_FUNDS = 10_000_000n;

describe('the ChargeX app in Chromium on localnet', () => {
  let stack: AppStack;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page; principal: string };
  let lessee: { context: BrowserContext; page: Page; principal: string };
  const monitor = Ed25519KeyIdentity.generate();
  const pack: SimulatedPack = { deviceId: 'pack-0001', latitude: 47.3769, longitude: 8.5417, sequence: 1n };
  const shotsDir = fileURLToPath(ARTIFACTS_DIR);

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    [stack, browser] = await Promise.all([AppStack.start(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Screenshot of the whole page, then an axe-core scan that must find nothing serious. */
  async function capture(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
    expect(await seriousViolations(page), `accessibility of ${name}`).toEqual([]);
  }

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(new URL(path, stack.appUrl).href);
  }

  it('keeps a cancelled sign-in from sticking: the sentence goes away once signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    await capture(page, 'sign-in');
    let popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in with Internet Identity' }).click();
    await (await popup).getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent(), { timeout: UI_TIMEOUT_MS }).toBe(
      'Sign-in was cancelled. You can try again whenever you are ready.',
    );
    popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in with Internet Identity' }).click();
    const provider = await popup;
    await provider.getByLabel('Identity name').fill('Ada');
    await provider.getByRole('button', { name: 'Create identity' }).click();
    await page.getByTestId('principal').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('sign-in-error').count()).toBe(0);
    await context.close();
  });

  it('lets a new person create a profile, with a sentence under the field when it is refused', async () => {
    admin = await signIn(browser, stack.appUrl, 'Ada');
    const { page } = admin;
    await open(page, 'profile');
    await page.getByLabel('Display name').fill(' Ada ');
    await page.getByLabel('Display name').fill('');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect.poll(() => page.locator('.field__error').first().textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^Display name must/);
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByText('Your profile is saved.').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('profile-owner').textContent()).toBe(admin.principal);
    await capture(page, 'profile');
  });

  it('shows the empty fleet with a way forward', async () => {
    const { page } = admin;
    await open(page, '');
    await page.getByTestId('empty-state').waitFor({ timeout: UI_TIMEOUT_MS });
    await capture(page, 'dashboard-empty');
    await open(page, 'alerts');
    await page.getByText('No alerts here.').waitFor({ timeout: UI_TIMEOUT_MS });
    await capture(page, 'alerts-empty');
  });

  it('lets an admin grant herself the fleet operator role and register a battery and its monitor', async () => {
    await stack.grant(admin.principal, { admin: null });
    const { page } = admin;
    await open(page, 'admin');
    await page.getByRole('textbox', { name: 'Principal', exact: true }).fill(admin.principal);
    await page.getByRole('combobox', { name: 'Role' }).selectOption('fleet_operator');
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.getByTestId('role-changed').waitFor({ timeout: UI_TIMEOUT_MS });

    const battery = page.getByRole('form', { name: 'Register a battery' });
    await battery.getByLabel('Serial number').fill('CX-48V-0001');
    await battery.getByLabel('Manufacturer').fill('Voltaic');
    await battery.getByLabel('Model').fill('VX-48');
    await battery.getByLabel('Monitor device id').fill(pack.deviceId);
    // The role reaches leasing from profile a moment later: the first try may be refused, in a sentence.
    await expect
      .poll(
        async () => {
          await battery.getByRole('button', { name: 'Register battery' }).click();
          await page.waitForTimeout(1_000);
          return page.getByTestId('registered-battery').count();
        },
        { timeout: UI_TIMEOUT_MS, interval: 1_000 },
      )
      .toBe(1);
    expect(await page.getByTestId('registered-battery').textContent()).toContain('token #1');

    const device = page.getByRole('form', { name: 'Register a monitor device' });
    await device.getByLabel('Battery').selectOption('1');
    expect(await device.getByLabel('Device id').inputValue()).toBe(pack.deviceId);
    await device.getByLabel('Public key (hex)').fill(Buffer.from(monitor.getPublicKey().rawKey).toString('hex'));
    await device.getByRole('button', { name: 'Register device' }).click();
    await page.getByTestId('registered-device').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('cell', { name: pack.deviceId }).waitFor({ timeout: UI_TIMEOUT_MS });
    await capture(page, 'admin');
  });

  it('shows simulated telemetry on the map, in the table and on the battery chart, with the reading verified', async () => {
    await stack.relay([simulatedBatch(pack, { count: 20, intervalMs: 60_000, startSoc: 85 })]);
    const { page } = admin;
    await open(page, '');
    const row = page.getByTestId('fleet-row-1');
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await row.textContent()).toContain('CX-48V-0001');
    await expect.poll(() => page.getByTestId('fleet-map').getAttribute('data-markers'), { timeout: UI_TIMEOUT_MS }).toBe('1');
    expect(await page.locator('.fleet-map path.leaflet-interactive').count()).toBe(1);
    await capture(page, 'dashboard');

    await row.getByRole('link', { name: 'CX-48V-0001' }).click();
    await page.getByRole('heading', { name: 'Battery CX-48V-0001' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => page.getByTestId('telemetry-chart').getAttribute('data-points'), { timeout: UI_TIMEOUT_MS }).toBe('20');
    expect(await page.getByTestId('latest-soc').textContent()).toBe('75.5 %');
    await page.getByRole('button', { name: 'Verify this reading' }).click();
    await page.getByTestId('proof-verified').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Per minute' }).click();
    await expect.poll(() => page.getByTestId('telemetry-chart').getAttribute('data-points'), { timeout: UI_TIMEOUT_MS }).toBe('20');
    expect(await page.getByTestId('token-history').textContent()).toContain('Registered (minted)');
    await capture(page, 'battery');
  });

  it('turns an injected fault into an alert on the dashboard and in the battery’s anomaly history', async () => {
    await stack.relay([simulatedBatch(pack, { count: 2, intervalMs: 10_000, startSoc: 70, hotCelsius: 78 })]);
    const { page } = admin;
    await open(page, '');
    await expect.poll(() => page.getByTestId('stat-alerts').textContent(), { timeout: UI_TIMEOUT_MS }).not.toBe('0');
    expect(await page.getByTestId('fleet-row-1').textContent()).toContain('Needs attention');
    await open(page, 'batteries/1');
    await page.getByTestId('anomaly-table').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('anomaly-table').textContent()).toMatch(/temperature/i);

    // ai's anomaly reaches the owner's alert feed through alerts, unread until she acknowledges it.
    await open(page, 'alerts');
    const item = page.getByTestId('alert-item').filter({ hasText: /temperature/ }).first();
    await item.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(Number(await page.getByTestId('unread-count').textContent())).toBeGreaterThan(0);
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => item.textContent(), { timeout: UI_TIMEOUT_MS }).toContain('acknowledged');

    const webhook = page.getByRole('form', { name: 'Add a webhook' });
    await webhook.getByLabel('Webhook address').fill('http://example.com/hook');
    await webhook.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => webhook.locator('.field__error').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/https/);
    await webhook.getByLabel('Webhook address').fill('https://ntfy.example.com/chargex-fleet');
    await webhook.getByLabel('Format').selectOption('ntfy');
    await webhook.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByTestId('webhook-table').getByText('https://ntfy.example.com/chargex-fleet').waitFor({ timeout: UI_TIMEOUT_MS });
    await capture(page, 'alerts');
  });

  it('lets the owner offer the battery for lease', async () => {
    const { page } = admin;
    await open(page, 'leasing/owned');
    await page.getByRole('button', { name: 'Offer for lease' }).click();
    await page.getByRole('button', { name: 'Publish lease offer' }).click();
    await page.getByText(/^Listed/).waitFor({ timeout: UI_TIMEOUT_MS });
    await capture(page, 'leasing-owned');
  });

  it('lets a lessee on a phone lease it, approving and paying in ckBTC, and see the payment in his wallet', async () => {
    lessee = await signIn(browser, stack.appUrl, 'Bob', PHONE);
    const { page } = lessee;
    await page.getByTestId('empty-state').waitFor({ timeout: UI_TIMEOUT_MS });
    await capture(page, 'phone-dashboard-empty');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Leasing' }).click();
    await page.getByRole('link', { name: 'My leases' }).click();
    await page.getByTestId('empty-state').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('link', { name: 'Offers', exact: true }).click();
    await page.getByRole('button', { name: 'Lease this battery' }).click();

    // Without funds the payment cannot start, and says why.
    await page.getByText(/Your balance is too low/).waitFor({ timeout: UI_TIMEOUT_MS });
    await stack.mint(lessee.principal, LESSEE_FUNDS);
    await page.reload();
    await page.getByRole('button', { name: 'Lease this battery' }).click();
    await expect.poll(() => page.getByTestId('wallet-balance').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('0.1 ckBTC');
    expect(await page.getByTestId('current-allowance').textContent()).toBe('0 ckBTC');
    // Default terms: 7-day periods at 0.0001 a day, deposit 0.001; 7 days = one charge, fee 10 units.
    expect(await page.getByTestId('needed-allowance').textContent()).toBe('0.0017001 ckBTC');
    await capture(page, 'phone-lease-offer');
    await page.getByRole('button', { name: 'Approve and pay deposit and first rent' }).click();
    await page.getByTestId('lease-started').or(page.getByTestId('payment-error')).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('payment-error').count(), (await page.getByTestId('payment-error').allTextContents()).join()).toBe(0);
    await capture(page, 'phone-lease-started');

    await open(page, 'leasing/mine');
    await page.getByTestId('my-leases').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('my-leases').textContent()).toContain('CX-48V-0001');

    await open(page, 'wallet');
    const history = page.getByTestId('ledger-history');
    await history.waitFor({ timeout: UI_TIMEOUT_MS });
    const text = await history.textContent();
    expect(text).toContain('Paid (by allowance)');
    expect(text).toContain('Leasing escrow');
    expect(text).toContain('−0.0017 ckBTC');
    expect(text).toContain('Approval');
    expect(await page.getByTestId('wallet-balance').textContent()).toBe('0.0982998 ckBTC');
    await capture(page, 'phone-wallet');
  });

  it('shows the owner the lease on her battery', async () => {
    const { page } = admin;
    await open(page, 'leasing/owned');
    await page.getByTestId('owned-lease-1').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('owned-lease-1').textContent()).toContain('0.0007 ckBTC');
    await capture(page, 'leasing-owner-view');
  });

  it('says in a sentence when a page cannot find what it shows', async () => {
    const { page } = admin;
    await open(page, 'batteries/999');
    await page.getByTestId('error-state').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('error-state').textContent()).toContain('This battery does not exist (any more).');
    await capture(page, 'battery-missing');
  });
});
