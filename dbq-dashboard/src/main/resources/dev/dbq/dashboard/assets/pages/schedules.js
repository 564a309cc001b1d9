// Schedules: every recurring job the workers registered, its next fire time and its last outcome.
import { get } from '../api.js';
import { h, fill, time } from '../dom.js';

export function mount(main) {
  const body = h('div');
  main.append(h('h1', {}, 'Schedules'), body);
  let last = null;
  return {
    async refresh() {
      const data = await get('schedules');
      const text = JSON.stringify(data);
      if (text === last) return;
      last = text;
      if (data.schedules.length === 0) {
        fill(body, h('p', { class: 'muted' }, 'No recurring job is registered (a worker registers the @Recurring jobs of its catalog).'));
        return;
      }
      fill(body, h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['Job', 'Cron', 'Zone', 'Next fire', 'Last fire', 'Last outcome', 'Last seen'].map((t) => h('th', {}, t)))),
        h('tbody', {}, data.schedules.map((s) => h('tr', {},
          h('td', {}, h('a', { href: `#/jobs?name=${encodeURIComponent(s.jobName)}` }, s.jobName)),
          h('td', { class: 'mono' }, s.cron), h('td', {}, s.zone),
          h('td', {}, time(s.nextFireTime)), h('td', {}, time(s.lastFireTime)),
          h('td', {}, s.lastJob ? h('a', { href: `#/jobs/${s.lastJob}` }, s.lastOutcome) : s.lastOutcome),
          h('td', {}, time(s.lastSeen)))))));
    },
  };
}
