// Shared helpers of the browser specs (tests/web/*.spec.js), run by tests/web/run.sh with the
// server's address and database in the environment. Node's own test runner; no other framework.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { chromium } = require('playwright-core');

const env = {
  dondoc: process.env.DONDOC,
  db: process.env.DONDOC_DB,
  base: process.env.BASE_URL,
  secret: process.env.GENERIC_SECRET,
  shots: process.env.SCREENSHOTS,
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};
for (const [k, v] of Object.entries(env)) {
  if (!v) throw new Error(`tests/web: ${k} not set: run through tests/web/run.sh`);
}

// The password run.sh gave a user.
const password = (name) => `pw-${name}-9Kx!`;

async function launch() {
  return chromium.launch({
    executablePath: env.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    timeout: 60000,
  });
}

// A fresh browser context (its own cookies) with a page at 1280 px.
async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

// Signs in through the sign-in form; resolves once the form has been answered.
async function signIn(page, name, pass = password(name)) {
  await page.goto(`${env.base}/dang-nhap`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', pass);
  await Promise.all([page.waitForLoadState('load'), page.click('form button[type="submit"]')]);
}

// The page at 1280 px and at 360 px (a phone), full length, into build/web-screenshots/.
async function screenshots(page, name) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.screenshot({ path: path.join(env.shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Runs the dondoc CLI on the test's database; returns stdout (throws on a non-zero exit).
function cli(...args) {
  return execFileSync(env.dondoc, ['--db', env.db, ...args], { encoding: 'utf8', timeout: 60000 });
}
const cliJson = (...args) => JSON.parse(cli(...args, '--json'));

// POSTs one chat message to the generic webhook, as a chat platform would.
let eventSeq = 0;
async function chat(chatId, text, fromName = 'Cán bộ') {
  eventSeq += 1;
  const body = { event_id: `web-${process.pid}-${Date.now()}-${eventSeq}`, chat_id: chatId, from_name: fromName, text };
  const res = await fetch(`${env.base}/webhook/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dondoc-secret': env.secret },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  return res.json();
}

// Waits until fn() is truthy (polling, bounded); returns its value.
async function until(fn, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The CSRF token of the signed-in page (hidden field `csrf` of any form).
async function csrfOf(page) {
  return page.locator('input[name="csrf"]').first().getAttribute('value');
}

module.exports = { env, password, launch, newPage, signIn, screenshots, cli, cliJson, chat, until, csrfOf };
