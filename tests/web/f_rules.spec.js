// Quy tắc: an upload with an error shows LINE:COL beside its line and activates nothing; a valid
// upload shows the next 30 days' preview and "Áp dụng" activates it as a new version.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn, screenshots, cliJson } = require('./lib.js');

async function upload(page, text) {
  await page.goto(`${env.base}/quy-tac`);
  await page.fill('textarea[name="text"]', text);
  await Promise.all([page.waitForLoadState('load'), page.click('form[enctype] button[type="submit"]')]);
}

test('a rules upload with an error shows LINE:COL beside the line', async () => {
  const active = cliJson('rules', 'show');
  const lines = active.text.split('\n');
  // Line 3 names a body that does not exist: the validator says where.
  const bad = active.text.replace(/"(vp_dang_uy|vh_xh|kinh_te)"/, '"khong_co_co_quan"');
  assert.notEqual(bad, active.text, 'the demo rules name a body');
  const badLine = bad.split('\n').findIndex((l) => l.includes('khong_co_co_quan')) + 1;
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'vanphong');
    await page.goto(`${env.base}/quy-tac`);
    assert.ok(await page.locator(`#L${lines.length > 1 ? 2 : 1}`).count(), 'the active text with line numbers');
    await screenshots(page, 'rules');
    await upload(page, bad);
    const row = page.locator(`tr#L${badLine}`);
    assert.ok(await row.count(), `line ${badLine} shown`);
    assert.match(await row.getAttribute('class'), /err/);
    const msg = await row.locator('[data-error]').first().textContent();
    assert.match(msg, new RegExp(`^${badLine}:\\d+: `), `LINE:COL beside line ${badLine}: ${msg}`);
    assert.equal(await page.locator('form[action$="/quy-tac/ap-dung"]').count(), 0, 'no Áp dụng for a bad file');
    await screenshots(page, 'rules-upload-error');
    assert.equal(cliJson('rules', 'show').version, active.version, 'nothing activated');

    await upload(page, `// thử\n${active.text}`);
    assert.match(await page.textContent('main'), /30 ngày tới/);
    await screenshots(page, 'rules-upload-preview');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/quy-tac/ap-dung"] button')]);
    const now = cliJson('rules', 'show');
    assert.equal(now.version, active.version + 1, 'Áp dụng activates a new version');
    assert.ok(now.text.startsWith('// thử'));
    await page.goto(`${env.base}/quy-tac?a=${active.version}&b=${now.version}`);
    assert.ok(await page.locator('table.diff tr.add').count() >= 1, 'the diff shows the added line');
    await screenshots(page, 'rules-diff');
  } finally {
    await browser.close();
  }
});
