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
  // In the demo every task is assigned to vh_xh and none to cong_an.
  const list = cliJson('tasks').tasks;
  const assigned = (t, body) => (t.assignees || []).some((a) => a.body === body);
  const task = list.find((t) => assigned(t, 'vh_xh') && !assigned(t, 'cong_an'));
  assert.ok(task, 'a task of vh_xh that cong_an does not have');
  const browser = await launch();
  try {
    const own = await newPage(browser);
    await signIn(own, 'head_vhxh');
    await own.goto(`${env.base}/nhiem-vu`);
    const hrefs = async (p) => p.locator('a[href*="/nhiem-vu/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok((await hrefs(own)).some((h) => h.endsWith(`/nhiem-vu/${task.id}`)), `vh_xh's head lists task ${task.id}`);
    await screenshots(own, 'tasks-head');

    const page = await newPage(browser);
    await signIn(page, 'head_ca');
    await page.goto(`${env.base}/nhiem-vu`);
    for (const h of await hrefs(page)) {
      const id = decodeURIComponent(h.split('/nhiem-vu/')[1] || '');
      const t = list.find((x) => x.id === id);
      if (t) assert.ok(assigned(t, 'cong_an'), `task ${id} of another body listed for cong_an's head`);
    }
    const res = await page.goto(`${env.base}/nhiem-vu/${encodeURIComponent(task.id)}`);
    assert.equal(res.status(), 403);
    assert.ok(!(await page.textContent('body')).includes(task.title), 'the other task\'s title is not shown');
    const api = await page.request.get(`${env.base}/api/v1/tasks/${encodeURIComponent(task.id)}`);
    assert.equal(api.status(), 403);
  } finally {
    await browser.close();
  }
});
