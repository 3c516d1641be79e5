// Shared helpers for the browser journeys: Debian's Chromium driven by playwright-core (no browser
// downloads), axe on every page state, and the whole app served on a fresh seeded test database.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedDemo } from '../src/demo/seed.ts';
import type { Db } from '../src/platform/db/index.ts';
import { buildTestApp } from '../src/testing/app.ts';
import { openTestDatabase } from '../src/platform/testing/database.ts';

export const CHROMIUM = '/usr/bin/chromium';

export type Lang = 'ja' | 'en';
export const DESKTOP = { width: 1280, height: 800 };
// Not isMobile: mobile emulation widens the layout viewport to fit the content, which would hide
// exactly the sideways scroll the phone checks look for.
export const PHONE = { width: 390, height: 844 };

// WCAG 2.2 AA, as the Digital Agency's accessibility guideline asks of public services.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Why the browser tests cannot run here, or null when they can. On CI a missing browser is a
 * failure, not a skip: a suite that silently skips there proves nothing.
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`;
  if (process.env.CI) throw new Error(`CI must run the browser tests: ${reason}`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Asserts that axe finds no WCAG 2.2 A/AA violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations
    .map((v) => `  ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n${v.nodes.map((n) => `    - ${n.target.join(' ')}`).join('\n')}`)
    .join('\n');
  assert.equal(results.violations.length, 0, `axe violations on ${label} (${page.url()}):\n${report}`);
}

export interface TestServer {
  baseUrl: string;
  /** The server's database, for journeys that add their own data. */
  db: Db;
  close(): Promise<void>;
}

/** The whole app on a fresh migrated PGlite database with the demo data, on a free local port. */
export async function startTestServer(): Promise<TestServer> {
  const db = await openTestDatabase('pglite');
  let testApp: Awaited<ReturnType<typeof buildTestApp>> | undefined;
  try {
    // A browser run makes far more requests a minute than a resident would.
    testApp = await buildTestApp(db, { RATE_LIMIT_MAX: '100000' });
    await seedDemo(db);
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await testApp?.close();
    await db.close();
    throw error;
  }
  const { port } = testApp.app.server.address() as AddressInfo;
  const app = testApp;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface BrowserJourneys {
  server: TestServer;
  browser: Browser;
}

/**
 * Starts the seeded app and Chromium before the enclosing suite's tests and closes both after.
 * Each journey file has its own, so the files run side by side and none runs long.
 */
export function serverAndBrowser(): BrowserJourneys {
  const env = {} as BrowserJourneys;
  before(async () => {
    [env.server, env.browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Asserts that the page is no wider than the window: nothing scrolls sideways. */
export async function assertFitsWindow(page: Page, label: string): Promise<void> {
  // (Expressions as strings: the project compiles without the DOM library.)
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  assert.ok(scrollWidth <= innerWidth, `${label} is ${scrollWidth}px wide in a ${innerWidth}px window`);
}

/** The page's main heading, trimmed. */
export async function headingOf(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

/** A new browser context with the session of a caller made by the test builders (signedInStaff, …). */
export async function contextSignedInAs(env: BrowserJourneys, caller: { cookies: Record<string, string> }, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await env.browser.newContext({ viewport });
  try {
    await context.addCookies(Object.entries(caller.cookies).map(([name, value]) => ({ name, value, url: env.server.baseUrl })));
    return context;
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Opens a page and checks what every page must pass: its status, its main heading and axe. */
export async function expectPage(page: Page, url: string, expected: { heading: string; status?: number; label?: string }): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), expected.status ?? 200, `status of ${url}`);
  assert.equal(await headingOf(page), expected.heading, `heading of ${url}`);
  await expectNoAxeViolations(page, expected.label ?? url);
}

/** A demo service's id, by its municipality and its record id in the demo catalogue. */
export async function demoServiceId(db: Db, municipalityCode: string, externalId: string): Promise<string> {
  const row = await db.kysely
    .selectFrom('services')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return row.id;
}
