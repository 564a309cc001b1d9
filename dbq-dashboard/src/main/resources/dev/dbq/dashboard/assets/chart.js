// The overview's chart: the last hour's step runs per minute as stacked SVG bars, drawn with
// DOM calls (no library, nothing inline: the CSP allows neither).
import { h } from './dom.js';

const SERIES = [
  ['succeeded', 'bar-succeeded'],
  ['retried', 'bar-retried'],
  ['failed', 'bar-failed'],
  ['other', 'bar-other'],
];

export function activityChart(activity) {
  const width = 1280;
  const height = 180;
  const top = 10;
  const bottom = 20;
  const buckets = activity.buckets;
  const max = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed + b.retried + b.other));
  const barWidth = width / buckets.length;
  const scale = (height - top - bottom) / max;
  const bars = buckets.map((b, i) => {
    let y = height - bottom;
    const parts = SERIES.filter(([key]) => b[key] > 0).map(([key, cls]) => {
      const hgt = b[key] * scale;
      y -= hgt;
      return h('rect', { class: cls, x: i * barWidth + 1, y, width: Math.max(1, barWidth - 2), height: hgt });
    });
    const minute = new Date(b.start).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
    const label = `${minute}: ${b.succeeded} succeeded, ${b.failed} failed, ${b.retried} retried, ${b.other} lost/stopped/cancelled`;
    return h('g', { class: 'bucket' }, h('title', {}, label),
      h('rect', { class: 'bar-hover', x: i * barWidth, y: top, width: barWidth, height: height - top - bottom }), parts);
  });
  return h('figure', { class: 'chart' },
    h('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'step runs per minute, last hour' },
      h('line', { class: 'axis', x1: 0, y1: height - bottom, x2: width, y2: height - bottom }),
      h('text', { class: 'axis-label', x: 0, y: height - 4 }, '60 min ago'),
      h('text', { class: 'axis-label', x: width, y: height - 4, 'text-anchor': 'end' }, 'now'),
      h('text', { class: 'axis-label', x: 0, y: top }, `${max} runs/min`),
      bars),
    h('figcaption', {},
      SERIES.map(([key, cls]) => h('span', { class: 'legend' }, h('span', { class: `swatch ${cls}` }), key === 'other' ? 'lost, stopped, cancelled' : key)),
      activity.complete ? null : h('span', { class: 'muted' }, ' (more runs than one look reads: older minutes undercounted)')));
}
