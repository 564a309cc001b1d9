// The dashboard's shell: a router over the URL's fragment (#/jobs?state=FAILED, so a filter can
// be shared as a link and the page works under any mount path), and the live loop: the current
// page refreshes every few seconds while the tab is visible and updates are not paused.
import { get } from './api.js';
import * as overview from './pages/overview.js';
import * as jobs from './pages/jobs.js';
import * as job from './pages/job.js';
import * as queues from './pages/queues.js';
import * as schedules from './pages/schedules.js';

const REFRESH_MS = 2000;
// a page whose reads take long (a large table) is polled less often: at most a fifth of the time
// is spent reading
const BUSY_FACTOR = 5;
let lastTookMs = 0;
const PAGES = { overview, jobs, job, queues, schedules };

const main = document.getElementById('main');
const notice = document.getElementById('notice');
const liveButton = document.getElementById('live');
const updated = document.getElementById('updated');

let live = true;
let current = null;
let timer = null;
let refreshing = false;

/** '#/jobs/ID' → {page: 'job', id}; '#/jobs?state=FAILED' → {page: 'jobs', params}. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query);
  if (parts[0] === 'jobs' && parts[1]) return { page: 'job', id: decodeURIComponent(parts[1]), params };
  if (PAGES[parts[0]] && parts[0] !== 'job') return { page: parts[0], params };
  return { page: 'overview', params };
}

const ctx = {
  config: { writable: false, actions: {} },
  notify(message, kind = 'info') {
    notice.hidden = !message;
    notice.className = `notice notice-${kind}`;
    notice.textContent = message ?? '';
  },
  /** Refreshes the page now (after an action), whatever the live setting. */
  refresh: () => refresh(),
};

async function show() {
  const r = route();
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.page === (r.page === 'job' ? 'jobs' : r.page));
  }
  ctx.notify(null);
  main.replaceChildren();
  current = PAGES[r.page].mount(main, r, ctx);
  await refresh();
}

let again = false;
let refreshFailed = false;

async function refresh() {
  if (!current) return;
  if (refreshing) {
    // one in flight (maybe of the page just left): run once more after it, for the page shown now
    again = true;
    return;
  }
  refreshing = true;
  try {
    do {
      again = false;
      const page = current;
      try {
        const started = performance.now();
        await page.refresh();
        lastTookMs = performance.now() - started;
        if (refreshFailed) ctx.notify(null);
        refreshFailed = false;
        updated.textContent = `updated ${new Date().toLocaleTimeString(undefined, { hour12: false })}`;
        document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes) + 1);
      } catch (e) {
        if (page === current) {
          refreshFailed = true;
          ctx.notify(`cannot update: ${e.message}`, 'error');
        }
      }
    } while (again);
  } finally {
    refreshing = false;
  }
}

/** Polls only while it is useful: updates on, and the tab in front. */
function schedule() {
  clearTimeout(timer);
  const visible = document.visibilityState === 'visible';
  document.body.dataset.updates = !live ? 'paused' : visible ? 'live' : 'hidden';
  if (live && visible) {
    timer = setTimeout(async () => {
      await refresh();
      schedule();
    }, Math.max(REFRESH_MS, BUSY_FACTOR * lastTookMs));
  }
}

liveButton.addEventListener('click', () => {
  live = !live;
  liveButton.textContent = live ? 'Pause updates' : 'Resume updates';
  liveButton.setAttribute('aria-pressed', String(live));
  if (live) refresh();
  schedule();
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && live) refresh();
  schedule();
});

window.addEventListener('hashchange', () => show().then(schedule));

async function start() {
  try {
    ctx.config = await get('config');
  } catch (e) {
    ctx.notify(e.message, 'error');
  }
  const mode = document.getElementById('mode');
  mode.textContent = ctx.config.writable ? 'writes allowed' : 'read-only';
  mode.classList.add(ctx.config.writable ? 'badge-writable' : 'badge-readonly');
  await show();
  schedule();
}

start();
