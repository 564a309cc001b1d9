// One job: its facts, its steps with every run (worker, times, outcome, error and stack trace),
// the workspace pretty-printed, the history of its states, and the actions on it.
import { get, post } from '../api.js';
import { h, fill, time, duration, stateBadge } from '../dom.js';

const ACTIONS = [
  { path: 'retry', label: 'Retry', permission: 'retry', when: ['FAILED', 'CANCELLED'] },
  { path: 'run-now', label: 'Run now', permission: 'run_now', when: ['NEW', 'READY'] },
  { path: 'cancel', label: 'Cancel', permission: 'cancel', when: ['NEW', 'READY', 'PROCESSING', 'STOPPING'] },
  { path: 'delete', label: 'Delete', permission: 'delete', when: ['NEW', 'READY', 'COMPLETE', 'FAILED', 'CANCELLED'] },
];

export function mount(main, route, ctx) {
  const body = h('div', { class: 'job' });
  main.append(h('p', {}, h('a', { href: '#/jobs' }, '← Jobs')), body);
  const open = new Set();
  let last = null;

  async function act(action, job) {
    try {
      const result = await post(`jobs/${action.path}`, { ids: [job.id] });
      ctx.notify(result.changed ? `${action.label}: done` : `${action.label}: the job was left alone (it had moved on)`, result.changed ? 'ok' : 'info');
      if (action.path === 'delete' && result.changed) {
        location.hash = '#/jobs';
        return;
      }
      last = null;
      await ctx.refresh();
    } catch (e) {
      ctx.notify(`${action.label} refused: ${e.message}`, 'error');
    }
  }

  return {
    async refresh() {
      const job = await get(`jobs/${encodeURIComponent(route.id)}`);
      const text = JSON.stringify(job);
      if (text === last) return;
      last = text;
      const can = ctx.config.actions;
      fill(body, 
        h('h1', {}, job.name, ' ', stateBadge(job.state)),
        h('p', { class: 'mono muted' }, job.id),
        h('div', { class: 'actions' }, ACTIONS.filter((a) => a.when.includes(job.state)).map((a) =>
          h('button', { type: 'button', class: `action-${a.path}`, disabled: !can[a.permission], onclick: () => act(a, job) }, a.label))),
        h('dl', { class: 'facts' },
          fact('Queue', h('a', { href: `#/jobs?queue=${encodeURIComponent(job.queue)}` }, job.queue)),
          fact('Priority', job.priority), fact('Next step', job.nextStep), fact('Attempt', job.attempt),
          fact('Created', time(job.created)), fact('Modified', time(job.modified)),
          fact('Run after', time(job.runAfter)),
          fact('Last error', job.lastError ? h('span', { class: 'error-text' }, job.lastError) : '—')),
        h('h2', {}, 'Steps'),
        job.steps.length === 0 ? h('p', { class: 'muted' }, 'No step has run yet.') : job.steps.map((s) => step(s, open)),
        h('h2', {}, 'Workspace'),
        h('pre', { class: 'workspace', id: 'workspace' }, pretty(job.workspace)),
        h('h2', {}, 'History'),
        history(job));
    },
  };
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function step(s, open) {
  return h('section', { class: 'step' },
    h('h3', {}, `Step ${s.index}`, s.name ? ` · ${s.name}` : ''),
    h('table', { class: 'grid runs' },
      h('thead', {}, h('tr', {}, ['Attempt', 'Outcome', 'Worker', 'Started', 'Took', 'Error'].map((t) => h('th', {}, t)))),
      h('tbody', {}, s.runs.map((r, i) => {
        const key = `${s.index}/${i}`;
        const trace = r.stackTrace ? h('details', { class: 'trace', open: open.has(key),
          ontoggle: (e) => (e.target.open ? open.add(key) : open.delete(key)) },
        h('summary', {}, 'Stack trace'), h('pre', { class: 'stack-trace' }, r.stackTrace)) : null;
        return h('tr', { class: `run run-${r.outcome.toLowerCase()}` },
          h('td', { class: 'num' }, r.attempt), h('td', {}, h('span', { class: `outcome outcome-${r.outcome.toLowerCase()}` }, r.outcome)),
          h('td', { class: 'mono' }, r.worker ?? '—'), h('td', {}, time(r.started)), h('td', {}, duration(r.seconds)),
          h('td', {}, r.error ? h('div', { class: 'error-text' }, r.error) : '', trace));
      }))));
}

/** The states the job went through, read from its runs: created, each run's end, now. */
function history(job) {
  const runs = job.steps.flatMap((s) => s.runs.map((r) => ({ ...r, step: s.index, name: s.name })))
    .sort((a, b) => a.ended.localeCompare(b.ended));
  const after = { SUCCEEDED: 'READY or COMPLETE', FAILED: 'FAILED', RETRIED: 'READY (retry after backoff)', LOST: 'READY (lost run)', STOPPED: 'READY (handed back)', CANCELLED: 'CANCELLED' };
  return h('ol', { class: 'history' },
    h('li', {}, h('span', { class: 'when' }, time(job.created)), ' enqueued: NEW'),
    runs.map((r) => h('li', {}, h('span', { class: 'when' }, time(r.ended)),
      ` step ${r.step}${r.name ? ` (${r.name})` : ''}, attempt ${r.attempt}: ${r.outcome} → ${after[r.outcome]}`)),
    h('li', {}, h('span', { class: 'when' }, time(job.modified)), ' now ', stateBadge(job.state)));
}

function pretty(workspace) {
  try {
    return JSON.stringify(JSON.parse(workspace), null, 2);
  } catch {
    return workspace;
  }
}
