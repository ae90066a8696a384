// Five wrong passwords lock the account for a while: the right password is then refused too, with
// a message saying so. Runs last: the per-address limit may count these attempts.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, newPage, signIn, password, screenshots } = require('./lib.js');

test('five wrong passwords lock the account', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    for (let i = 0; i < 5; i++) await signIn(page, 'locked1', `wrong-${i}`);
    await signIn(page, 'locked1', password('locked1'));
    assert.ok(page.url().includes('/dang-nhap'), 'the right password no longer signs in');
    assert.match(await page.textContent('body'), /khóa|thử lại/i);
    await screenshots(page, 'sign-in-locked');
  } finally {
    await browser.close();
  }
});
