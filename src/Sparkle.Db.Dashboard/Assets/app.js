// The dashboard page: fetches each section's JSON endpoint and renders it with DOM calls (text only, never
// innerHTML, so a query text cannot inject markup). Each section's data-state ends as "loaded" or "error".
'use strict';

let actionsAllowed = false;

// ---- small DOM helpers ---------------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const num = (n, digits = 0) => n === null || n === undefined ? '' :
  Number(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = [['GB', 2 ** 30], ['MB', 2 ** 20], ['kB', 2 ** 10]];
  for (const [unit, size] of units) if (n >= size) return num(n / size, unit === 'kB' ? 0 : 1) + ' ' + unit;
  return n + ' B';
}

function seconds(s) {
  if (s === null || s === undefined) return '';
  if (s >= 3600) return num(s / 3600, 1) + ' h';
  if (s >= 120) return num(s / 60, 1) + ' min';
  return num(s, s < 10 ? 1 : 0) + ' s';
}

const when = iso => iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/:\d\dZ$/, 'Z') : '';
const month = iso => iso ? iso.slice(0, 7) : '';
const percent = (v, digits = 1) => v === null || v === undefined ? '' : num(v, digits) + ' %';
const query = text => el('code', { class: 'query', title: text || '' }, text || '');
const note = text => el('p', { class: 'note' }, text);
const badge = (text, cls) => el('span', { class: 'badge ' + cls }, text);

// A table: columns are [title, row => cell content, 'num' for right-aligned]; an empty list says so.
function table(columns, rows, empty = 'none') {
  if (!rows || rows.length === 0) return el('p', { class: 'empty' }, empty);
  return el('div', { class: rows.length > 12 ? 'scroll' : null }, el('table', {},
    el('thead', {}, el('tr', {}, columns.map(([title, , cls]) => el('th', { class: cls }, title)))),
    el('tbody', {}, rows.map(row => el('tr', {}, columns.map(([, get, cls]) => el('td', { class: cls }, get(row))))))));
}

// ---- actions (only when the server allows them; each POST carries the token the user pasted) -----------------

async function act(path, fields, label) {
  const token = document.getElementById('token').value.trim();
  const status = document.getElementById('action-result');
  if (!token) { status.textContent = 'Paste the action token first.'; return; }
  status.textContent = label + '…';
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'X-Sparkle-Token': token, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const result = await response.json().catch(() => ({}));
  status.textContent = response.ok ? label + ': done.' : label + ': ' + (result.error || response.statusText);
  if (response.ok) refresh(true);
}

const cancelButton = pid => actionsAllowed
  ? el('button', { type: 'button', class: 'danger', onclick: () => act('/api/actions/cancel', { pid }, 'Cancel pid ' + pid) }, 'cancel')
  : null;

// ---- sections ------------------------------------------------------------------------------------------------

const renderers = {
  overview(d) {
    actionsAllowed = d.actionsAllowed;
    document.getElementById('actions').hidden = !d.actionsAllowed;
    return el('span', {},
      el('strong', {}, d.database), ' on ', d.server, ' · PostgreSQL ', d.serverVersion, ' · ', bytes(d.sizeBytes),
      ' · up since ', when(d.startedAt), ' · read ', when(d.measuredAt),
      d.actionsAllowed ? [' · ', badge('actions enabled', 'amber')] : [' · ', badge('read-only', 'green')]);
  },

  health(d) {
    return el('div', { class: 'grid' }, d.checks.map(c => el('div', { class: 'check ' + c.level.toLowerCase(), 'data-check': c.name },
      el('div', { class: 'name' }, el('a', { href: '#' + c.section }, c.name), ' ', badge(c.level === 'None' ? 'n/a' : c.level.toLowerCase(), c.level.toLowerCase())),
      el('div', { class: 'value' }, c.value),
      el('div', { class: 'threshold' }, c.threshold),
      c.advice ? el('div', { class: 'advice' }, c.advice) : null)));
  },

  statements(d) {
    if (d.unavailable) return note('pg_stat_statements is unavailable: ' + d.unavailable);
    const columns = [
      ['mean', s => num(s.meanMs, 1) + ' ms', 'num'], ['calls', s => num(s.calls), 'num'], ['total', s => num(s.totalMs, 0) + ' ms', 'num'],
      ['rows', s => num(s.rows), 'num'], ['statement', s => query(s.query)]];
    return [
      note(d.statsSince ? 'Statistics since ' + when(d.statsSince) + '.' : 'Statistics since the server started.'),
      el('h3', {}, 'Slowest (mean ≥ ' + num(d.slowMeanMs, 0) + ' ms)'), table(columns, d.slowest, 'No statement is that slow.'),
      el('h3', {}, 'Most frequent (≥ ' + num(d.frequentCalls) + ' calls)'), table(columns, d.mostFrequent)];
  },

  indexes(d) {
    const verdict = i => i.verdict ? [i.verdictClass ? badge(i.verdictClass, i.verdictClass) : null, ' ', i.verdict] : '';
    const columns = extra => [['table', i => i.table], ['index', i => el('code', {}, i.index)], ['size', i => bytes(i.sizeBytes), 'num'],
      ['scans', i => num(i.scans), 'num'], ...extra, ['benchmark verdict', verdict]];
    return [
      note((d.neverReset ? 'Scan counts since the database was created (statistics never reset).' : 'Scan counts since ' + when(d.statsSince) + '.')
        + (d.benchReport ? ' Verdicts from ' + d.benchReport + '.' : ' No benchmark report: no verdicts.')),
      el('h3', {}, 'Invalid'), table(columns([['why', i => i.detail || '']]), d.invalid),
      el('h3', {}, 'Duplicate'), table(columns([['same as', i => i.detail || '']]), d.duplicate),
      el('h3', {}, 'Unused (no scan)'), table(columns([]), d.unused),
      el('h3', {}, 'Largest'), table(columns([['kind', i => i.problem]]), d.largest)];
  },

  space(d) {
    return [
      el('div', { class: 'summary' },
        el('div', {}, 'database', el('div', { class: 'figure' }, bytes(d.databaseBytes))),
        el('div', {}, 'transaction ID age', el('div', { class: 'figure' }, num(d.transactionIdAge)), percent(d.transactionIdPercent, 2) + ' of 2^31')),
      el('h3', {}, 'Largest tables'),
      table([['table', t => t.table], ['kind', t => t.kind], ['partitions', t => t.partitions ? num(t.partitions) : '', 'num'],
        ['rows (estimate)', t => num(t.estimatedRows), 'num'], ['table', t => bytes(t.tableBytes), 'num'], ['indexes', t => bytes(t.indexBytes), 'num'],
        ['total', t => [bytes(t.totalBytes), t.estimated ? ' (locked: from relpages)' : ''], 'num']], d.tables),
      el('h3', {}, 'Bloat (estimated ≥ ' + percent(d.bloatRatio * 100, 0) + ')'),
      table([['object', b => b.index ? b.index + ' on ' + b.table : b.table], ['kind', b => b.index ? 'index' : 'table'],
        ['bloat', b => percent(b.ratio * 100, 0), 'num'], ['reclaimable', b => bytes(b.bloatBytes), 'num']], d.bloat, 'No table or index past the threshold.'),
      el('h3', {}, 'Sequences near their limit'),
      table([['sequence', q => q.sequence], ['column', q => q.column || ''], ['last value', q => num(q.lastValue), 'num'],
        ['limit', q => num(q.limit), 'num'], ['used', q => percent(q.percent), 'num']], d.sequences, 'None past the threshold.')];
  },

  partitions(d) {
    return table([['table', p => p.table], ['key', p => el('code', {}, p.key)], ['partitions', p => num(p.partitions), 'num'],
      ['oldest', p => month(p.oldestMonth)], ['newest', p => month(p.newestMonth)],
      ['this month', p => p.coversCurrentMonth ? badge('covered', 'green') : badge('uncovered', 'red')],
      ['months ahead', p => badge(String(p.monthsAhead), p.monthsAhead >= d.monthsWanted ? 'green' : 'amber'), 'num'],
      ['locked now', p => p.busyPartitions ? badge(String(p.busyPartitions), 'amber') : '', 'num'],
      ['rows in DEFAULT', p => p.defaultPartition === null ? 'no DEFAULT' : p.defaultRows === null ? 'not read (locked)'
        : (p.defaultRows > 0 ? badge(num(p.defaultRows), 'red') : '0'), 'num'],
      ['retention', p => p.retentionAction ? (p.retentionMonths ? p.retentionMonths + ' months, then ' + p.retentionAction : 'kept (' + p.retentionAction + ')') : 'no policy']],
    d.tables, 'No partitioned table (phase 007 not applied).');
  },

  maintenance(d) {
    return [
      d.note ? note(d.note) : null,
      d.actionsAllowed ? el('p', {}, el('button', { type: 'button', onclick: () => act('/api/actions/maintain', {}, 'Maintenance') }, 'Run maintenance now')) : null,
      table([['run', r => num(r.id)], ['started', r => when(r.startedAt)], ['duration', r => seconds(r.durationMs / 1000), 'num'],
        ['status', r => badge(r.status, r.status === 'healthy' ? 'green' : r.status === 'degraded' ? 'amber' : 'red')]], d.runs, 'No run recorded.')];
  },

  counters(d) {
    if (!d.available) return note('no counter check: this version of verify has no counters.* check yet.');
    return [note('Recounted ' + when(d.checkedAt) + ' by verify\'s counter checks.'),
      table([['check', r => el('code', {}, r.name)], ['result', r => r.passed ? badge('pass', 'green') : badge('fail', 'red')],
        ['expected', r => r.expected], ['found', r => r.found], ['hint', r => r.hint || '']], d.results)];
  },

  locks(d) {
    if (d.sessions.length === 0) return el('p', { class: 'empty' }, 'No session waits for a lock.');
    const byPid = new Map(d.sessions.map(s => [s.pid, s]));
    const waitersOf = pid => d.sessions.filter(s => s.blockedBy.includes(pid));
    const seen = new Set();
    const item = (s, depth) => {
      seen.add(s.pid);
      const waiting = s.blockedBy.length > 0;
      const children = waitersOf(s.pid).filter(w => !seen.has(w.pid));
      return el('li', { class: waiting ? 'waiting' : 'root', 'data-pid': s.pid },
        el('span', { class: 'pid' }, 'pid ' + s.pid), ' ', s.user || '', s.application ? ' (' + s.application + ')' : '', ' · ', s.state || '',
        s.transactionSeconds !== null ? ' · transaction ' + seconds(s.transactionSeconds) : '',
        waiting ? [' · waits ', seconds(s.waitingSeconds), ' for ', el('code', {}, s.waitingFor || 'a lock'), ' held by pid ', s.blockedBy.join(', ')]
          : [' · ', badge('blocks ' + children.length, 'red')],
        ' ', cancelButton(s.pid),
        query(s.query),
        children.length ? el('ul', {}, children.map(c => item(c, depth + 1))) : null);
    };
    const roots = d.sessions.filter(s => s.blockedBy.length === 0 || s.blockedBy.every(b => !byPid.has(b)));
    const list = el('ul', { class: 'chain' }, roots.map(r => item(r, 0)));
    // Sessions left unseen wait in a cycle (a deadlock that PostgreSQL is about to break).
    const rest = d.sessions.filter(s => !seen.has(s.pid));
    rest.forEach(s => { if (!seen.has(s.pid)) list.append(item(s, 0)); });
    return list;
  },

  transactions(d) {
    const columns = [['pid', s => el('span', { class: 'pid' }, String(s.pid))], ['user', s => s.user || ''], ['application', s => s.application || ''],
      ['state', s => s.state], ['for', s => seconds(s.seconds), 'num'], ['query', s => query(s.query)], ['', s => cancelButton(s.pid)]];
    return [
      el('h3', {}, 'Long-running statements (≥ ' + seconds(d.longRunningSeconds) + ')'), table(columns, d.longRunning),
      el('h3', {}, 'Idle in transaction (≥ ' + seconds(d.idleInTransactionSeconds) + ')'), table(columns, d.idleInTransaction),
      el('h3', {}, 'Open transactions (≥ ' + seconds(d.longRunningSeconds) + ')'), table(columns, d.longTransactions)];
  },

  connections(d) {
    const c = d.summary;
    return [
      el('div', { class: 'summary' },
        el('div', {}, 'in use', el('div', { class: 'figure' }, num(c.total) + ' / ' + num(c.maxConnections)), percent(c.percent) + ' (flag at ' + percent(d.flagPercent, 0) + ')'),
        el('div', {}, 'active', el('div', { class: 'figure' }, num(c.active))),
        el('div', {}, 'idle', el('div', { class: 'figure' }, num(c.idle))),
        el('div', {}, 'idle in transaction', el('div', { class: 'figure' }, num(c.idleInTransaction)))),
      table([['database', g => g.database || ''], ['user', g => g.user || ''], ['application', g => g.application || ''],
        ['state', g => g.state], ['sessions', g => num(g.count), 'num']], d.groups)];
  },

  replication(d) {
    const s = d.status;
    return [
      s.inRecovery ? note('This server is a standby; it replayed the primary\'s last transaction ' + seconds(s.replayDelaySeconds) + ' ago.') : null,
      table([['pid', r => r.pid], ['standby', r => r.application || ''], ['address', r => r.clientAddress || ''], ['state', r => r.state || ''],
        ['sync', r => r.syncState || ''], ['write lag', r => seconds(r.writeLagSeconds), 'num'], ['flush lag', r => seconds(r.flushLagSeconds), 'num'],
        ['replay lag', r => seconds(r.replayLagSeconds), 'num'], ['replay behind', r => bytes(r.replayLagBytes), 'num']],
      s.replicas, 'No replicas: nothing streams from this server (pg_stat_replication is empty).')];
  },

  benchmark(d) {
    if (!d.available) return note('No benchmark report: run sparkle-db bench, or pass --bench-report.');
    return [
      note('From ' + d.source + ', generated ' + d.generatedAtUtc + ' at scale ' + d.scale + '. Ratio = baseline / plan server time; right of 1× the plan is faster.'),
      el('img', { class: 'chart', src: '/chart.svg', alt: 'Latency ratio per hot query, baseline / plan, log scale', width: 810, height: 46 + d.queries.length * 18 + 40 }),
      el('h3', {}, 'Findings'),
      el('ul', {}, d.findings.map(f => el('li', {}, f.replace(/`/g, ''))))];
  },
};

async function load(section, fresh) {
  const body = section.querySelector('.body');
  section.dataset.state = 'loading';
  try {
    const response = await fetch(section.dataset.endpoint + (fresh ? '?fresh=1' : ''), { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    body.replaceChildren(...[renderers[section.id](data)].flat().filter(Boolean));
    section.dataset.state = 'loaded';
  } catch (error) {
    body.replaceChildren(el('p', { class: 'error' }, 'Could not load this section: ' + error.message));
    section.dataset.state = 'error';
  }
}

async function refresh(fresh) {
  // The overview asks for a fresh read; the sections then share it (the server caches one read for a few seconds).
  await load(document.getElementById('overview'), fresh);
  await Promise.all([...document.querySelectorAll('section[data-endpoint]')].map(s => load(s, false)));
  document.body.dataset.state = 'loaded';
}

let timer = null;
document.getElementById('refresh').addEventListener('click', () => refresh(true));
document.getElementById('auto').addEventListener('change', event => {
  clearInterval(timer);
  timer = event.target.checked ? setInterval(() => refresh(true), 30000) : null;
});
refresh(false);
