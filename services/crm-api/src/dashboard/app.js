// jobpipe dashboard: fetches the insights and the top jobs from the API with the user's key and draws
// them with Chart.js. Every value from a posting goes into the page as text (textContent), never as HTML.

const COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];
const charts = {};
/** An average salary per skill is shown only when at least this many jobs give it (one job is an anecdote). */
const MIN_JOBS_PER_SKILL_SALARY = 5;

function readKey() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromFragment = fragment.get('key');
  if (fromFragment) {
    sessionStorage.setItem('jobpipe-api-key', fromFragment);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem('jobpipe-api-key') || '';
}

function setStatus(text, isError) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

async function api(path, key) {
  const response = await fetch(path, { headers: { 'X-API-Key': key, Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.message || `${path} answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function draw(id, type, labels, datasets, extra) {
  if (charts[id]) charts[id].destroy();
  const canvas = document.getElementById(id);
  charts[id] = new window.Chart(canvas, {
    type,
    data: { labels, datasets },
    options: Object.assign(
      { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: datasets.length > 1 } } },
      extra || {},
    ),
  });
}

function money(value) {
  return typeof value === 'number' ? Math.round(value).toLocaleString('en-US') : '–';
}

function percent(share) {
  return typeof share === 'number' ? `${(share * 100).toFixed(1)} %` : '–';
}

function days(value) {
  return typeof value === 'number' ? value.toFixed(1) : '–';
}

/** Fills a row of figure boxes: [value, caption] pairs. */
function renderFigures(id, figures) {
  const container = document.getElementById(id);
  container.replaceChildren();
  for (const [value, label] of figures) {
    const box = document.createElement('div');
    box.className = 'figure';
    const strong = document.createElement('strong');
    strong.textContent = String(value);
    const caption = document.createElement('span');
    caption.textContent = label;
    box.append(strong, caption);
    container.append(box);
  }
}

function overallFigures(salary, lifecycle) {
  const row = salary.rows[0] || {};
  return [
    [row.jobs ?? 0, 'Jobs analysed (duplicates counted once)'],
    [`${money(row.avg_annual_usd_min)} – ${money(row.avg_annual_usd_max)}`, 'Avg salary (USD, min–max)'],
    [typeof row.avg_experience_years === 'number' ? row.avg_experience_years.toFixed(1) : '–', 'Avg experience (years)'],
    [lifecycle ? lifecycle.open_jobs : '–', 'Open jobs (duplicates counted once)'],
  ];
}

function lifecycleFigures(lifecycle) {
  return [
    [
      percent(lifecycle.share_closed_within_7d),
      `Closed within 7 days (${lifecycle.closed_within_7d} of ${lifecycle.jobs_7d} jobs seen 7+ days ago)`,
    ],
    [
      percent(lifecycle.share_closed_within_30d),
      `Closed within 30 days (${lifecycle.closed_within_30d} of ${lifecycle.jobs_30d} jobs seen 30+ days ago)`,
    ],
    [percent(lifecycle.share_flagged), `Open jobs with a ghost-risk flag (${lifecycle.flagged_jobs} of ${lifecycle.open_jobs})`],
    [lifecycle.closed_jobs, 'Postings closed'],
  ];
}

/** Fills a table body with rows of [text, className] cells (text only, never HTML). */
function renderTable(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren();
  for (const cells of rows) {
    const row = document.createElement('tr');
    for (const [text, className] of cells) {
      const cell = document.createElement('td');
      if (className) cell.className = className;
      cell.textContent = text;
      row.append(cell);
    }
    body.append(row);
  }
}

/** Shows a note in place of an empty panel (and hides it when there is data). */
function note(id, text) {
  const element = document.getElementById(id);
  element.textContent = text || '';
  element.hidden = !text;
}

/**
 * The funnel as conversion between stages: each stage with the jobs that were ever in it and how many of
 * them went further, as a bar of the conversion share (the count of 'new' no longer dwarfs the rest).
 */
function renderFunnel(rows) {
  const list = document.getElementById('funnel');
  list.replaceChildren();
  for (const row of rows) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'stage';
    name.textContent = row.stage;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = `${row.jobs} ${row.jobs === 1 ? 'job' : 'jobs'}`;
    item.append(name, count);
    if (typeof row.conversion_rate === 'number') {
      const bar = document.createElement('span');
      bar.className = 'bar';
      const fill = document.createElement('span');
      fill.style.width = `${Math.round(row.conversion_rate * 100)}%`;
      bar.append(fill);
      const advanced = row.advanced ?? Math.round(row.conversion_rate * row.jobs);
      const conversion = document.createElement('span');
      conversion.className = 'conversion';
      conversion.textContent = `→ ${advanced} went further (${percent(row.conversion_rate)})`;
      item.append(bar, conversion);
    }
    list.append(item);
  }
}

function renderLifecycle(lifecycle, bySource, byCompany, flags) {
  if (!lifecycle) {
    note('lifecycle-note', 'Lifecycle figures appear after the next ETL (POST /etl).');
    return;
  }
  note('lifecycle-note', '');
  renderFigures('lifecycle-figures', lifecycleFigures(lifecycle.rows[0]));
  draw(
    'chart-time-to-close',
    'bar',
    bySource.rows.map((row) => `${row.group} (n=${row.closedJobs})`),
    [
      { label: 'median days', data: bySource.rows.map((row) => row.medianDays), backgroundColor: COLORS[0] },
      { label: '90th percentile days', data: bySource.rows.map((row) => row.p90Days), backgroundColor: COLORS[2] },
    ],
    { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } }, x: { beginAtZero: true } } },
  );
  renderTable(
    'time-to-close-by-company',
    byCompany.rows.map((row) => [
      [row.group, ''],
      [String(row.closedJobs), 'number'],
      [days(row.medianDays), 'number'],
      [days(row.p90Days), 'number'],
    ]),
  );
  renderTable(
    'ghost-flags',
    flags.rows.map((row) => [
      [row.kind, ''],
      [String(row.jobs), 'number'],
      [percent(row.share), 'number'],
    ]),
  );
}

/** A report that a snapshot older than its view cannot answer yet (503): null instead of failing the page. */
async function optional(path, key) {
  try {
    return await api(path, key);
  } catch (error) {
    if (error.status === 503) return null;
    throw error;
  }
}

function renderJobs(jobs) {
  const body = document.querySelector('#top-jobs tbody');
  body.replaceChildren();
  for (const job of jobs) {
    const row = document.createElement('tr');
    const cells = [
      [job.score.toFixed(1), 'number'],
      [job.title, ''],
      [job.company, ''],
      [job.stage, ''],
      [job.track || '', ''],
      [job.annualSalaryMax === null ? '' : `${money(job.annualSalaryMax)} ${job.salaryCurrency || ''}`, 'number'],
      [job.postedAt ? job.postedAt.slice(0, 10) : '', ''],
    ];
    cells.forEach(([text, className], index) => {
      const cell = document.createElement('td');
      if (className) cell.className = className;
      let url = null;
      try {
        url = index === 1 ? new URL(job.url) : null;
      } catch {
        url = null;
      }
      if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
        const link = document.createElement('a');
        link.href = url.href;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        link.textContent = text;
        cell.append(link);
      } else {
        cell.textContent = text;
      }
      row.append(cell);
    });
    body.append(row);
  }
}

function renderSources(rows) {
  const days = [...new Set(rows.map((row) => row.day))].sort();
  const sources = [...new Set(rows.map((row) => row.source))].sort();
  const datasets = sources.map((source, index) => ({
    label: source,
    data: days.map((day) => rows.filter((row) => row.day === day && row.source === source).reduce((sum, row) => sum + row.jobs, 0)),
    borderColor: COLORS[index % COLORS.length],
    backgroundColor: COLORS[index % COLORS.length],
  }));
  // Stacked bars read well for a single day as for sixty: the height of a bar is that day's new jobs.
  draw('chart-sources', 'bar', days, datasets, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
}

async function load(key) {
  if (!key) {
    setStatus('Paste an API key (create one with `jobpipe apikey create`).', false);
    return;
  }
  setStatus('Loading…', false);
  try {
    // The stage machine comes from the API, so the page never holds its own copy of the stages.
    const machine = await api('/crm/stages', key);
    const openStages = machine.stages.filter((stage) => machine.transitions[stage].length > 0);
    const stages = openStages.map((stage) => `stage=${stage}`).join('&');
    const [skills, salaryBySkill, tracks, sources, funnel, applications, salary, jobs] = await Promise.all([
      api('/insights/skills?limit=15', key),
      api(`/insights/salary-by-skill?limit=15&minJobs=${MIN_JOBS_PER_SKILL_SALARY}`, key),
      api('/insights/tracks', key),
      api('/insights/sources-by-day?days=60', key),
      api('/insights/funnel', key),
      api('/insights/applications-by-day?days=60', key),
      api('/insights/salary', key),
      api(`/jobs?${stages}&sort=score&order=desc&limit=25`, key),
    ]);
    const [lifecycle, timeBySource, timeByCompany, flags] = await Promise.all([
      optional('/insights/lifecycle', key),
      optional('/insights/time-to-close?by=source&limit=10', key),
      optional('/insights/time-to-close?by=company&limit=10', key),
      optional('/insights/ghost-flags', key),
    ]);
    draw(
      'chart-skills',
      'bar',
      skills.rows.map((row) => row.skill),
      [{ label: 'jobs', data: skills.rows.map((row) => row.jobs), backgroundColor: COLORS[0] }],
      { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } } } },
    );
    draw(
      'chart-salary-by-skill',
      'bar',
      salaryBySkill.rows.map((row) => `${row.skill} (n=${row.jobs})`),
      [{ label: 'USD / year', data: salaryBySkill.rows.map((row) => row.avg_annual_usd), backgroundColor: COLORS[3] }],
      { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } } } },
    );
    note(
      'salary-by-skill-note',
      salaryBySkill.rows.length === 0 ? `No skill has a salary in ${MIN_JOBS_PER_SKILL_SALARY} or more jobs yet.` : '',
    );
    draw(
      'chart-tracks',
      'doughnut',
      tracks.rows.map((row) => row.track || '(no track)'),
      [
        {
          label: 'jobs',
          data: tracks.rows.map((row) => row.jobs),
          backgroundColor: tracks.rows.map((_, index) => COLORS[index % COLORS.length]),
        },
      ],
      { plugins: { legend: { display: true } } },
    );
    renderSources(sources.rows);
    renderFunnel(funnel.rows);
    draw(
      'chart-applications',
      'bar',
      applications.rows.map((row) => row.day),
      [
        { label: 'submitted', data: applications.rows.map((row) => row.submitted), backgroundColor: COLORS[3] },
        { label: 'failed', data: applications.rows.map((row) => row.failed), backgroundColor: COLORS[1] },
      ],
      { scales: { x: { stacked: true }, y: { stacked: true } } },
    );
    renderFigures('figures', overallFigures(salary, lifecycle?.rows[0]));
    renderLifecycle(lifecycle, timeBySource, timeByCompany, flags);
    renderJobs(jobs.items);
    setStatus(`Analytics loaded at ${salary.loadedAt}`, false);
    document.body.dataset.ready = 'true';
  } catch (error) {
    setStatus(error.status === 503 ? 'No analytics yet: run an ETL (POST /etl) and reload.' : `Could not load: ${error.message}`, true);
    document.body.dataset.ready = 'error';
  }
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = document.getElementById('api-key').value.trim();
  sessionStorage.setItem('jobpipe-api-key', key);
  load(key);
});

load(readKey());
