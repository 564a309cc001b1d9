// Jobs: the filter (state, queue, name, created window, workspace content) lives in the URL, so a
// view can be shared; keyset pages; actions on the chosen jobs or on every job the filter matches,
// with the count shown and a confirmation.
import { get, post } from '../api.js';
import { h, fill, time, stateBadge, STATES } from '../dom.js';

const FILTER_KEYS = ['state', 'queue', 'name', 'from', 'to', 'workspace'];
const ACTIONS = [
  { key: 'retry', path: 'retry', label: 'Retry', permission: 'retry' },
  { key: 'run-now', path: 'run-now', label: 'Run now', permission: 'run_now' },
  { key: 'cancel', path: 'cancel', label: 'Cancel', permission: 'cancel' },
  { key: 'delete', path: 'delete', label: 'Delete', permission: 'delete' },
];

export function mount(main, route, ctx) {
  const params = route.params;
  const filter = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const v of params.getAll(key)) if (v) filter.append(key, v);
  const cursor = params.get('cursor');
  const selected = new Set();

  const form = filterForm(filter);
  const summary = h('p', { class: 'summary', id: 'match-count' }, 'Counting…');
  const bulk = h('div', { class: 'bulk' });
  const confirm = h('div', { class: 'confirm', hidden: true });
  const table = h('div', { class: 'table-holder' });
  const pager = h('div', { class: 'pager' });
  main.append(h('h1', {}, 'Jobs'), form, summary, bulk, confirm, table, pager);

  let total = null;
  let lastRows = null;

  function askConfirm(text, run) {
    confirm.hidden = false;
    fill(confirm, h('span', {}, text), ' ',
      h('button', { type: 'button', class: 'danger', id: 'confirm-action', onclick: async () => { confirm.hidden = true; await run(); } }, 'Confirm'),
      ' ', h('button', { type: 'button', onclick: () => { confirm.hidden = true; } }, 'Cancel'));
  }

  async function act(action, body, what) {
    try {
      const result = await post(`jobs/${action.path}`, body);
      const left = result.leftAlone ? `; ${result.leftAlone} left alone (not in a state ${action.label.toLowerCase()} takes)` : '';
      ctx.notify(`${action.label}: ${result.changed} of ${what} changed${left}`, 'ok');
      selected.clear();
      lastRows = null;
      await ctx.refresh();
    } catch (e) {
      ctx.notify(`${action.label} refused: ${e.message}`, 'error');
    }
  }

  let lastBulk = null;
  function renderBulk() {
    // re-drawn only when what it shows changed, so a button is not replaced under the pointer
    const key = JSON.stringify([total, [...selected]]);
    if (key === lastBulk) return;
    lastBulk = key;
    const can = ctx.config.actions;
    const describe = filter.toString() ? `matching ${decodeURIComponent(filter.toString()).replaceAll('&', ', ')}` : 'of every job';
    fill(bulk, 
      h('span', { class: 'bulk-group' }, h('span', { class: 'muted' }, 'Selected: '),
        ACTIONS.map((a) => h('button', {
          type: 'button', class: `small action-selected-${a.key}`, disabled: !can[a.permission] || selected.size === 0,
          onclick: () => {
            const ids = [...selected];
            askConfirm(`${a.label} ${ids.length} selected job${ids.length === 1 ? '' : 's'}?`, () => act(a, { ids }, `${ids.length} selected`));
          },
        }, `${a.label} (${selected.size})`))),
      h('span', { class: 'bulk-group' }, h('span', { class: 'muted' }, 'All matching: '),
        ACTIONS.map((a) => h('button', {
          type: 'button', class: `small action-all-${a.key}`, disabled: !can[a.permission] || !total,
          onclick: () => askConfirm(`${a.label} all ${total} job${total === 1 ? '' : 's'} ${describe}?`,
            () => act(a, { filter: filter.toString() }, `${total} matching`)),
        }, `${a.label} all ${total ?? ''}`))),
      ctx.config.writable ? null : h('span', { class: 'muted' }, ' Read-only: actions are off.'));
  }

  function renderRows(page) {
    if (page.jobs.length === 0) {
      fill(table, h('p', { class: 'muted empty' }, 'No job matches this filter.'));
    } else {
      const all = h('input', { type: 'checkbox', 'aria-label': 'select the jobs of this page',
        checked: page.jobs.every((j) => selected.has(j.id)),
        onchange: (e) => { for (const j of page.jobs) e.target.checked ? selected.add(j.id) : selected.delete(j.id); renderRows(page); renderBulk(); } });
      fill(table, h('table', { class: 'grid jobs' },
        h('thead', {}, h('tr', {}, h('th', {}, all), ['State', 'Job', 'Queue', 'Priority', 'Step', 'Attempt', 'Created', 'Modified', 'Last error'].map((t) => h('th', {}, t)))),
        h('tbody', {}, page.jobs.map((j) => h('tr', { 'data-id': j.id, 'data-state': j.state },
          h('td', {}, h('input', { type: 'checkbox', 'aria-label': `select ${j.id}`, checked: selected.has(j.id),
            onchange: (e) => { e.target.checked ? selected.add(j.id) : selected.delete(j.id); renderBulk(); } })),
          h('td', {}, stateBadge(j.state)),
          h('td', {}, h('a', { class: 'job-link', href: `#/jobs/${j.id}` }, j.name)),
          h('td', {}, j.queue), h('td', { class: 'num' }, j.priority), h('td', { class: 'num' }, j.nextStep),
          h('td', { class: 'num' }, j.attempt), h('td', {}, time(j.created)), h('td', {}, time(j.modified)),
          h('td', { class: 'error-cell', title: j.lastError ?? '' }, j.lastError ?? ''))))));
    }
    const base = filter.toString();
    fill(pager, 
      cursor ? h('a', { class: 'button', href: `#/jobs${base ? `?${base}` : ''}` }, 'First page') : null,
      page.next ? h('a', { class: 'button next-page', href: `#/jobs?${base ? `${base}&` : ''}cursor=${encodeURIComponent(page.next)}` }, 'Next page') : null);
  }

  const query = filter.toString();
  return {
    async refresh() {
      const pageQuery = new URLSearchParams(filter);
      if (cursor) pageQuery.set('cursor', cursor);
      const [page, counts] = await Promise.all([get(`jobs?${pageQuery}`), get(`jobs/count?${query}`)]);
      total = counts.total;
      const states = STATES.filter((s) => counts.byState[s] > 0).map((s) => `${counts.byState[s].toLocaleString()} ${s}`);
      summary.textContent = `${total.toLocaleString()} job${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''}${states.length ? ` (${states.join(', ')})` : ''}`;
      summary.dataset.total = String(total);
      const text = JSON.stringify(page);
      if (text !== lastRows) {
        lastRows = text;
        renderRows(page);
      }
      renderBulk();
    },
  };
}

function filterForm(filter) {
  const state = h('select', { name: 'state', id: 'filter-state' },
    h('option', { value: '' }, 'any state'),
    STATES.map((s) => h('option', { value: s, selected: filter.get('state') === s }, s)));
  const input = (name, label, placeholder) => h('label', {}, label,
    h('input', { name, id: `filter-${name}`, value: filter.get(name) ?? '', placeholder }));
  const local = (iso) => (iso ? toLocalInput(iso) : '');
  const from = h('input', { type: 'datetime-local', step: 1, name: 'from', id: 'filter-from', value: local(filter.get('from')) });
  const to = h('input', { type: 'datetime-local', step: 1, name: 'to', id: 'filter-to', value: local(filter.get('to')) });
  return h('form', {
    class: 'filter', id: 'job-filter',
    onsubmit: (e) => {
      e.preventDefault();
      const data = new FormData(e.target);
      const next = new URLSearchParams();
      for (const key of FILTER_KEYS) {
        let value = (data.get(key) ?? '').trim();
        if (value && (key === 'from' || key === 'to')) value = new Date(value).toISOString();
        if (value) next.set(key, value);
      }
      location.hash = `#/jobs${next.toString() ? `?${next}` : ''}`;
    },
  },
  h('label', {}, 'State', state), input('queue', 'Queue', 'any'), input('name', 'Job', 'any'),
  h('label', {}, 'Created from', from), h('label', {}, 'to', to),
  input('workspace', 'Workspace contains', '{"customer": 42}'),
  h('button', { type: 'submit', id: 'filter-apply' }, 'Filter'),
  h('a', { class: 'button', href: '#/jobs' }, 'Clear'));
}

function toLocalInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
