// Every role signs in and lands on the overview; a head sees only its body's tasks and gets 403
// for another body's task page.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn, screenshots, cliJson } = require('./lib.js');

const roles = [['admin1', 'admin'], ['vanphong', 'secretariat'], ['chutich', 'leader'], ['head_vhxh', 'head']];

test('each role signs in and sees the overview with its name', async () => {
  const browser = await launch();
  try {
    for (const [name] of roles) {
      const page = await newPage(browser);
      await signIn(page, name);
      assert.ok(!page.url().includes('/dang-nhap'), `${name} left the sign-in page (at ${page.url()})`);
      assert.ok((await page.textContent('body')).includes(name), `${name}'s name on the page`);
      assert.ok(await page.locator('nav').count() >= 1, 'the nav');
      await screenshots(page, `overview-${name}`);
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
});

test('a wrong password does not sign in', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'vanphong', 'wrong-password');
    assert.ok(page.url().includes('/dang-nhap'), 'still on the sign-in page');
    await screenshots(page, 'sign-in-error');
  } finally {
    await browser.close();
  }
});

test('a head neither lists nor opens another body\'s task', async () => {
  const tasks = cliJson('tasks');
  const list = tasks.tasks || tasks;
  const owner = (t, body) => JSON.stringify(t).includes(`"${body}"`);
  const other = list.find((t) => !owner(t, 'vh_xh'));
  const own = list.find((t) => owner(t, 'vh_xh'));
  assert.ok(other && own, 'the demo plan has tasks of vh_xh and of others');
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'head_vhxh');
    await page.goto(`${env.base}/nhiem-vu`);
    const links = await page.locator('a[href*="/nhiem-vu/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.some((h) => h.endsWith(`/nhiem-vu/${own.id}`)), `own task ${own.id} listed`);
    for (const h of links) {
      const id = decodeURIComponent(h.split('/nhiem-vu/')[1] || '');
      const t = list.find((x) => x.id === id);
      if (t) assert.ok(owner(t, 'vh_xh'), `task ${id} of another body listed for the head`);
    }
    await screenshots(page, 'tasks-head');
    const res = await page.goto(`${env.base}/nhiem-vu/${encodeURIComponent(other.id)}`);
    assert.equal(res.status(), 403);
    assert.ok(!(await page.textContent('body')).includes(other.title), 'the other task\'s title is not shown');
    const api = await page.request.get(`${env.base}/api/v1/tasks/${encodeURIComponent(other.id)}`);
    assert.equal(api.status(), 403);
  } finally {
    await browser.close();
  }
});
