// Sign-in from the chat: a linked chat sends "đăng nhập", gets a one-time link; opening it shows a
// button (a GET alone signs nobody in); its POST signs in once, and only once.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, cli, cliJson, chat, until } = require('./lib.js');

const CHAT = 'web-chat-kt';

test('the chat link signs in once and only once', async () => {
  const { code } = cliJson('link', '--body', 'kinh_te');
  await chat(CHAT, `DK ${code}`);
  await until(() => cli('outbox', '--json').includes(CHAT), 'the link answered');
  await chat(CHAT, 'đăng nhập');
  const link = await until(() => {
    const m = cli('outbox', '--json').match(/https?:\/\/[^\s"\\]*\/dang-nhap\/[A-Za-z0-9_-]+/);
    return m && m[0];
  }, 'a sign-in link in the chat');
  const url = env.base + new URL(link).pathname;
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(url);  // a preview would stop here
    await page.goto(url);  // still usable: the GET did not consume it
    const button = page.locator('form button[type="submit"]').first();
    await Promise.all([page.waitForLoadState('load'), button.click()]);
    assert.ok(!/\/dang-nhap/.test(new URL(page.url()).pathname), `signed in (at ${page.url()})`);
    assert.ok((await page.textContent('body')).includes('Đăng xuất'));

    const second = await newPage(browser);
    await second.goto(url);
    const again = second.locator('form button[type="submit"]').first();
    if (await again.count()) await Promise.all([second.waitForLoadState('load'), again.click()]);
    const body = await second.textContent('body');
    assert.ok(!body.includes('Đăng xuất'), 'the second use does not sign in');
  } finally {
    await browser.close();
  }
});
