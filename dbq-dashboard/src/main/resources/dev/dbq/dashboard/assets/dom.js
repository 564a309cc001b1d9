// Building the page from data, as text only: every value goes in through a text node or an
// attribute, never through innerHTML, so a workspace holding <script> is shown, not run.

/**
 * h('a', {href: '#/jobs', class: 'x', onclick: fn}, 'text', childNode, [more]) builds an element.
 * Attributes named on* become listeners; null, undefined and false attributes are left out.
 */
export function h(tag, attrs, ...children) {
  const el = tag === 'svg' || SVG_TAGS.has(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'checked' || name === 'value' || name === 'selected') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

const SVG_TAGS = new Set(['rect', 'g', 'line', 'text', 'title', 'path']);

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children, leaving out null, undefined and false as append does. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A local date and time, seconds included; '—' for none. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}

/** A duration in seconds, short: 850 ms, 12.3 s, 4 min 5 s, 2 h 10 min. */
export function duration(seconds) {
  if (seconds == null) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function stateBadge(state) {
  return h('span', { class: `state state-${state.toLowerCase()}` }, state);
}

export const STATES = ['NEW', 'READY', 'PROCESSING', 'STOPPING', 'COMPLETE', 'FAILED', 'CANCELLED'];
