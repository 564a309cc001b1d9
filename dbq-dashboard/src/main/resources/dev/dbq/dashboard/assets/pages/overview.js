// Overview: jobs by state, the last hour's runs, every queue's depth and oldest wait, the workers
// seen at work.
import { get } from '../api.js';
import { h, fill, duration, time, STATES } from '../dom.js';
import { activityChart } from '../chart.js';

export function mount(main) {
  const body = h('div', { class: 'overview' });
  main.append(h('h1', {}, 'Overview'), body);
  let last = null;
  return {
    async refresh() {
      const data = await get('overview');
      const text = JSON.stringify({ ...data, activity: { ...data.activity, until: null, since: null } });
      if (text === last) return;
      last = text;
      fill(body, 
        h('section', { class: 'cards' }, STATES.map((s) =>
          h('a', { class: `card card-${s.toLowerCase()}`, href: `#/jobs?state=${s}` },
            h('span', { class: 'card-count' }, data.counts.byState[s].toLocaleString()),
            h('span', { class: 'card-label' }, s)))),
        h('section', {}, h('h2', {}, 'Step runs, last hour'), activityChart(data.activity)),
        h('section', {}, h('h2', {}, 'Queues'), queueTable(data.queues)),
        h('section', {}, h('h2', {}, 'Workers seen'), workerTable(data.activity.workers)));
    },
  };
}

function queueTable(queues) {
  if (queues.length === 0) return h('p', { class: 'muted' }, 'No queue has jobs yet.');
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Queue'), h('th', {}, 'Status'),
      STATES.map((s) => h('th', { class: 'num' }, s)), h('th', {}, 'Oldest waiting'))),
    h('tbody', {}, queues.map((q) => h('tr', {},
      h('td', {}, h('a', { href: `#/jobs?queue=${encodeURIComponent(q.name)}` }, q.name)),
      h('td', {}, q.paused ? h('span', { class: 'badge badge-paused' }, 'paused') : 'running',
        q.concurrencyLimit ? ` · limit ${q.concurrencyLimit}` : ''),
      STATES.map((s) => h('td', { class: 'num' },
        q.jobs[s] ? h('a', { href: `#/jobs?queue=${encodeURIComponent(q.name)}&state=${s}` }, q.jobs[s].toLocaleString()) : '0')),
      h('td', {}, q.oldestWaitingSeconds == null ? '—' : duration(q.oldestWaitingSeconds))))));
}

function workerTable(workers) {
  if (workers.length === 0) {
    return h('p', { class: 'muted' }, 'No worker held a job or ended a step in the last hour.');
  }
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Worker'), h('th', { class: 'num' }, 'Holding'), h('th', {}, 'Last run ended'))),
    h('tbody', {}, workers.map((w) => h('tr', {},
      h('td', { class: 'mono' }, w.worker), h('td', { class: 'num' }, w.holding), h('td', {}, time(w.lastRunEnded))))));
}
