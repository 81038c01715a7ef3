// podtalk's page: plain browser JavaScript, no build step. User text is only ever set with
// textContent, never as HTML.

const POLL_MS = 1000;
// A pod not seen for this long is drawn faded: deleted, unready, or just unlucky.
const STALE_MS = 5000;

const $ = (selector) => document.querySelector(selector);
const pods = new Map();
let answers = 0;
let failures = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function noteServedBy(res) {
  const pod = res.headers.get('X-Served-By');
  if (pod) $('#served-by').textContent = pod;
}

async function loadMessages() {
  const res = await fetch('/api/messages?limit=20', { cache: 'no-store' });
  noteServedBy(res);
  const list = $('#messages');
  if (!res.ok) {
    list.replaceChildren(element('li', 'error', `Could not load messages (${res.status})`));
    return;
  }
  const { items } = await res.json();
  const via = `via ${res.headers.get('X-Served-By')} → ${res.headers.get('X-Upstream-Served-By')}`;
  list.replaceChildren(
    ...items.map((message) => {
      const item = element('li');
      item.dataset.id = message.id;
      const meta = element('div', 'meta');
      meta.append(
        element('strong', '', message.author),
        element('time', '', new Date(message.createdAt).toLocaleTimeString()),
      );
      item.append(meta, element('p', 'text', message.text));
      return item;
    }),
  );
  list.title = via;
}

async function postMessage(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const status = $('#form-status');
  const headers = { 'Content-Type': 'application/json' };
  // A key per submit: if the request is retried, the message is still written once.
  if (globalThis.crypto?.randomUUID) headers['Idempotency-Key'] = crypto.randomUUID();
  const body = JSON.stringify({ author: form.author.value, text: form.text.value });
  status.textContent = 'Posting…';
  const res = await fetch('/api/messages', { method: 'POST', headers, body });
  noteServedBy(res);
  if (res.ok) {
    status.textContent = `Saved by ${res.headers.get('X-Served-By')} → ${res.headers.get('X-Upstream-Served-By')}`;
    form.text.value = '';
    await loadMessages();
  } else {
    const problem = await res.json().catch(() => ({}));
    status.textContent = problem.detail ?? problem.title ?? `Failed (${res.status})`;
  }
}

function renderPods() {
  const now = Date.now();
  const most = Math.max(1, ...[...pods.values()].map((pod) => pod.count));
  const rows = [...pods.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, pod]) => {
      const ago = Math.round((now - pod.lastSeen) / 1000);
      const row = element('li', now - pod.lastSeen > STALE_MS ? 'pod stale' : 'pod');
      row.dataset.pod = name;
      const label = element('div', 'pod-label');
      label.append(
        element('strong', 'pod-name', name),
        element('span', 'pod-where', [pod.node, pod.ip].filter(Boolean).join(' · ')),
      );
      const bar = element('div', 'bar');
      const fill = element('div', 'fill');
      fill.style.width = `${(pod.count / most) * 100}%`;
      bar.append(fill);
      const stats = element('div', 'pod-stats');
      stats.append(
        element('span', 'count', String(pod.count)),
        element('span', 'seen', ago < 2 ? 'now' : `${ago}s ago`),
      );
      row.append(label, bar, stats);
      return row;
    });
  $('#pods').replaceChildren(...rows);
  $('#poll-count').textContent = answers;
  $('#poll-errors').textContent = failures;
}

async function poll() {
  try {
    const res = await fetch('/api/whoami', { cache: 'no-store' });
    noteServedBy(res);
    const me = await res.json();
    const seen = pods.get(me.pod.name) ?? { count: 0 };
    pods.set(me.pod.name, {
      ...seen,
      count: seen.count + 1,
      lastSeen: Date.now(),
      node: me.pod.node,
      ip: me.pod.ip,
    });
    $('#db-client').textContent = me.dbClient.servedBy ?? 'unreachable';
    $('#db-client-latency').textContent = me.dbClient.ok ? `${me.dbClient.latencyMs} ms` : '';
    answers++;
  } catch {
    failures++;
  } finally {
    renderPods();
    setTimeout(poll, POLL_MS);
  }
}

$('#message-form').addEventListener('submit', (event) => void postMessage(event));
void loadMessages();
void poll();
