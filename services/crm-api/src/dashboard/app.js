// jobpipe dashboard: fetches the insights and the top jobs from the API with the user's key and draws
// them with Chart.js. Every value from a posting goes into the page as text (textContent), never as HTML.

const COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];
const charts = {};

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

function renderFigures(salary, jobsShown) {
  const container = document.getElementById('figures');
  container.replaceChildren();
  const row = salary.rows[0] || {};
  const figures = [
    ['Jobs analysed', row.jobs ?? 0],
    ['Avg salary (USD, min–max)', `${money(row.avg_annual_usd_min)} – ${money(row.avg_annual_usd_max)}`],
    ['Avg experience (years)', typeof row.avg_experience_years === 'number' ? row.avg_experience_years.toFixed(1) : '–'],
    ['Open jobs listed', jobsShown],
  ];
  for (const [label, value] of figures) {
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
      api('/insights/salary-by-skill?limit=15', key),
      api('/insights/tracks', key),
      api('/insights/sources-by-day?days=60', key),
      api('/insights/funnel', key),
      api('/insights/applications-by-day?days=60', key),
      api('/insights/salary', key),
      api(`/jobs?${stages}&sort=score&order=desc&limit=25`, key),
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
      salaryBySkill.rows.map((row) => row.skill),
      [{ label: 'USD / year', data: salaryBySkill.rows.map((row) => row.avg_annual_usd), backgroundColor: COLORS[3] }],
      { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } } } },
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
    draw(
      'chart-funnel',
      'bar',
      funnel.rows.map((row) => row.stage),
      [{ label: 'jobs', data: funnel.rows.map((row) => row.jobs), backgroundColor: COLORS[4] }],
    );
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
    renderFigures(salary, jobs.items.length);
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
