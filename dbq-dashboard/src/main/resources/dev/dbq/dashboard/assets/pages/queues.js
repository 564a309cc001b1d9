// Queues: pause, resume and the global concurrency limit of each queue.
import { get, post } from '../api.js';
import { h, fill, duration } from '../dom.js';

export function mount(main, route, ctx) {
  const body = h('div');
  main.append(h('h1', {}, 'Queues'), body);
  let last = null;

  async function act(path, data, done) {
    try {
      await post(path, data);
      ctx.notify(done, 'ok');
      last = null;
      await ctx.refresh();
    } catch (e) {
      ctx.notify(e.message, 'error');
    }
  }

  return {
    async refresh() {
      const data = await get('queues');
      const text = JSON.stringify(data);
      // an operator typing a limit keeps what they typed until they set it
      if (text === last || (body.contains(document.activeElement) && document.activeElement.tagName === 'INPUT')) return;
      last = text;
      if (data.queues.length === 0) {
        fill(body, h('p', { class: 'muted' }, 'No queue has jobs or settings yet.'));
        return;
      }
      const can = ctx.config.actions;
      fill(body, h('table', { class: 'grid queues' },
        h('thead', {}, h('tr', {}, ['Queue', 'Status', 'Waiting', 'Running', 'Failed', 'Oldest waiting', 'Concurrency limit', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, data.queues.map((q) => {
          const name = encodeURIComponent(q.name);
          const limit = h('input', { type: 'number', min: 1, class: 'limit', 'aria-label': `limit of ${q.name}`, value: q.concurrencyLimit ?? '', placeholder: 'none', disabled: !can.limit_queue });
          return h('tr', { 'data-queue': q.name },
            h('td', {}, h('a', { href: `#/jobs?queue=${name}` }, q.name)),
            h('td', { class: 'status' }, q.paused ? h('span', { class: 'badge badge-paused' }, 'paused') : 'running'),
            h('td', { class: 'num' }, q.waiting), h('td', { class: 'num' }, q.running), h('td', { class: 'num' }, q.jobs.FAILED),
            h('td', {}, q.oldestWaitingSeconds == null ? '—' : duration(q.oldestWaitingSeconds)),
            h('td', {}, limit,
              h('button', { type: 'button', class: 'small', disabled: !can.limit_queue, onclick: () => act(`queues/${name}/limit`, { limit: limit.value === '' ? null : Number(limit.value) }, limit.value === '' ? `Queue ${q.name} has no limit` : `Queue ${q.name} limited to ${limit.value}`) }, 'Set')),
            h('td', {}, q.paused
              ? h('button', { type: 'button', class: 'resume', disabled: !can.resume_queue, onclick: () => act(`queues/${name}/resume`, {}, `Queue ${q.name} resumed`) }, 'Resume')
              : h('button', { type: 'button', class: 'pause', disabled: !can.pause_queue, onclick: () => act(`queues/${name}/pause`, {}, `Queue ${q.name} paused`) }, 'Pause')));
        }))));
    },
  };
}
