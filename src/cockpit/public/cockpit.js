/*
 * The cockpit page: reads /cockpit/api/… and draws each section. Every piece of data goes in with
 * textContent (never innerHTML), so nothing a user typed becomes markup.
 */
(() => {
  const $ = (id) => document.getElementById(id);
  const charts = [];
  let planId = new URLSearchParams(location.search).get('plan') || '';
  let auditPage = 1;

  /** `el('td', {class: 'x'}, 'text', child)`: an element with attributes and text or element children. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function getJson(path) {
    const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || `读取失败（${res.status}）`);
    return body;
  }

  function withPlan(path, params) {
    const query = new URLSearchParams({ plan: planId, ...(params || {}) });
    return `${path}?${query}`;
  }

  /** A table: `columns` are [heading, (row) => cell text or node, class?]; an empty list says so. */
  function fillTable(table, columns, rows, empty) {
    table.replaceChildren();
    table.append(el('thead', {}, el('tr', {}, ...columns.map(([heading]) => el('th', {}, heading)))));
    const body = el('tbody');
    if (rows.length === 0)
      body.append(el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, empty)));
    for (const row of rows)
      body.append(el('tr', {}, ...columns.map(([, cell, cls]) => el('td', { class: cls }, cell(row)))));
    table.append(body);
  }

  function chart(node) {
    const instance = echarts.init(node, null, { renderer: 'svg' });
    // Drawn at once: no growing bars on a slow phone, and a screenshot shows the figures.
    instance.setOption({ animation: false });
    charts.push(instance);
    return instance;
  }

  function dayOf(isoTime) {
    const d = new Date(isoTime);
    const pad = (n) => String(n).padStart(2, '0');
    // Shown in Asia/Shanghai whatever the phone's zone: the bot's days are Beijing days.
    const local = new Date(d.getTime() + 8 * 3600_000);
    return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  }

  function drawHeadline(h) {
    const figures = [
      ['total', '整改事项', h.total, '项'],
      ['signedOff', '已销号', h.signedOff, '项'],
      ['inProgress', '整改中', h.inProgress, '项'],
      ['overdue', '逾期', h.overdue, '项'],
      ['sustained', '长期坚持中', h.sustained, '项'],
      ['pending', '待销号', h.pending, '项'],
      ['percent', '平均进度', h.percent, '%'],
      [
        'unitsOnTime',
        h.reportDayPassed ? '本月按时报送单位' : '本月已报送单位（报送日前）',
        `${h.unitsOnTime}/${h.unitsOwing}`,
        '个',
      ],
      ['liveCards', '有效黄牌', h.liveCards, '张'],
      ['daysToReportDay', `距报送日（${h.nextReportDay}）`, h.daysToReportDay, '天'],
    ];
    $('figures').replaceChildren(
      ...figures.map(([key, label, value, unit]) =>
        el(
          'div',
          { class: `figure figure-${key}`, 'data-figure': key },
          el('span', { class: 'figure-value' }, String(value)),
          el('span', { class: 'figure-unit' }, unit),
          el('span', { class: 'figure-label' }, label),
        ),
      ),
    );
  }

  function drawIndicators(indicators) {
    const instance = chart($('chart-indicators'));
    instance.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['平均进度', '已销号占比'], top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: indicators.map((i) => `${i.seq} ${i.name.length > 8 ? `${i.name.slice(0, 8)}…` : i.name}`),
      },
      series: [
        {
          name: '平均进度',
          type: 'bar',
          data: indicators.map((i) => i.percent),
          itemStyle: { color: '#3370ff' },
        },
        {
          name: '已销号占比',
          type: 'bar',
          data: indicators.map((i) => i.signedOffShare),
          itemStyle: { color: '#34c724' },
        },
      ],
    });
    instance.on('click', (params) => showIndicatorTasks(indicators[params.dataIndex]));
    showIndicatorTasks(indicators[0]);
  }

  /** The tasks of one indicator, read when its bar is clicked (a city's plan has thousands). */
  async function showIndicatorTasks(indicator) {
    const box = $('indicator-tasks');
    if (!indicator) {
      box.replaceChildren();
      return;
    }
    let tasks;
    try {
      tasks = (await getJson(withPlan('/cockpit/api/indicator', { seq: String(indicator.seq) }))).tasks;
    } catch (error) {
      box.replaceChildren(el('p', { class: 'muted' }, error.message));
      return;
    }
    const table = el('table', { class: 'data', id: 'indicator-task-table', 'data-seq': indicator.seq });
    fillTable(
      table,
      [
        ['编号', (t) => t.code],
        ['问题', (t) => t.problem, 'wide'],
        ['责任单位', (t) => t.units.join('、')],
        ['状态', (t) => t.state],
        ['时限', (t) => t.deadline || '长期坚持'],
        ['进度', (t) => (t.percent === null ? '未报送' : `${t.percent}%`)],
        ['逾期', (t) => (t.daysOverdue ? `${t.daysOverdue} 天` : '')],
      ],
      tasks,
      '该指标没有事项。',
    );
    box.replaceChildren(
      el(
        'h3',
        {},
        `指标 ${indicator.seq} ${indicator.name}：${indicator.total} 项，已销号 ${indicator.signedOff} 项，逾期 ${indicator.overdue} 项`,
      ),
      table,
    );
  }

  const CELL_LABEL = { on_time: '按时', late: '补报', missed: '未报', not_due: '未到期', none: '—' };

  function drawUnits(data) {
    $('assessed-months').textContent = data.assessedPeriods.length
      ? `${data.year}年 ${data.assessedPeriods[0]} 至 ${data.assessedPeriods.at(-1)}`
      : `${data.year}年尚无已到报送日的月份`;
    fillTable(
      $('units-table'),
      [
        ['单位', (u) => u.unit],
        ['事项', (u) => u.tasks, 'num'],
        ['已销号', (u) => u.signedOff, 'num'],
        ['逾期', (u) => u.overdue, 'num'],
        ['按时报送月数', (u) => u.monthsOnTime, 'num'],
        ['黄牌', (u) => u.cards, 'num'],
        ['考核得分', (u) => u.score, 'num'],
      ],
      data.units,
      '没有责任单位。',
    );
    const grid = $('unit-grid');
    grid.replaceChildren();
    grid.append(
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, '单位'),
          ...data.months.map((m) => el('th', {}, `${Number(m.slice(5))}月`)),
        ),
      ),
    );
    const body = el('tbody');
    for (const unit of data.units)
      body.append(
        el(
          'tr',
          { 'data-unit': unit.unit },
          el('th', {}, unit.unit),
          ...unit.months.map((state, i) =>
            el(
              'td',
              { class: `cell ${state}`, 'data-state': state, 'data-period': data.months[i] },
              CELL_LABEL[state],
            ),
          ),
        ),
      );
    grid.append(body);
  }

  const TREND_LABEL = {
    reached: '已达目标',
    better: '方向正确',
    same: '与基线持平',
    worse: '方向偏离',
    no_data: '尚无报送数值',
  };

  /** A chart per KPI up to this many (a city's plan has hundreds); the rest are counted. */
  const MAX_KPI_CHARTS = 24;

  function drawKpis(kpis) {
    const list = $('kpi-list');
    list.replaceChildren();
    if (kpis.length === 0) list.append(el('p', { class: 'muted' }, '本方案没有量化指标。'));
    if (kpis.length > MAX_KPI_CHARTS)
      list.after(el('p', { class: 'muted' }, `另有 ${kpis.length - MAX_KPI_CHARTS} 项量化指标未逐一绘制。`));
    for (const kpi of kpis.slice(0, MAX_KPI_CHARTS)) {
      const node = el('div', { class: 'chart chart-kpi', 'data-chart': `kpi-${kpi.code}` });
      list.append(
        el(
          'article',
          { class: `kpi trend-${kpi.trend}` },
          el('h3', {}, `${kpi.code} ${kpi.name}`),
          el(
            'p',
            { class: 'muted' },
            `基线 ${kpi.baseline}${kpi.unit} → 目标 ${kpi.target}${kpi.unit}（${kpi.direction === 'increase' ? '越高越好' : '越低越好'}）`,
          ),
          el('p', { class: 'trend' }, TREND_LABEL[kpi.trend]),
          node,
        ),
      );
      const periods = kpi.values.map((v) => v.period);
      chart(node).setOption({
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: periods.length ? periods : ['—'] },
        yAxis: { type: 'value', scale: true },
        series: [
          {
            name: kpi.name,
            type: 'line',
            data: kpi.values.map((v) => v.value),
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#f54a45' },
              label: { formatter: `目标 ${kpi.target}` },
              data: [{ yAxis: kpi.target }],
            },
          },
        ],
      });
    }
  }

  function drawLists(data) {
    const overdueRows = data.overdue.flatMap((g) => g.items.map((item) => ({ unit: g.unit, ...item })));
    fillTable(
      $('overdue-table'),
      [
        ['单位', (r) => r.unit],
        ['编号', (r) => r.code],
        ['问题', (r) => r.problem, 'wide'],
        ['时限', (r) => r.deadline],
        ['逾期天数', (r) => r.daysOverdue, 'num'],
        [
          '最近报送',
          (r) => (r.lastReport ? `${r.lastReport.period} ${r.lastReport.text}` : '未报送'),
          'wide',
        ],
      ],
      overdueRows,
      '没有逾期事项。',
    );
    fillTable(
      $('signoff-table'),
      [
        ['编号', (s) => s.code],
        ['问题', (s) => s.problem, 'wide'],
        ['责任单位', (s) => s.units.join('、')],
        ['申请人', (s) => s.requestedByName || ''],
        ['申请时间', (s) => dayOf(s.requestedAt)],
        ['说明', (s) => s.note, 'wide'],
        ['材料', (s) => `${s.evidence} 份`],
      ],
      data.signoffs,
      '没有待审核的销号申请。',
    );
    fillTable(
      $('cards-table'),
      [
        ['编号', (c) => c.id],
        ['单位', (c) => c.unit],
        ['月份', (c) => c.period],
        ['类型', (c) => c.kind],
        ['事由', (c) => c.reason, 'wide'],
        ['发出', (c) => dayOf(c.issuedAt)],
        [
          '状态',
          (c) =>
            c.status === 'live'
              ? '有效'
              : `已撤销（${c.revokedByName || ''} ${c.revokedAt ? dayOf(c.revokedAt) : ''}：${c.revokeReason || ''}）`,
        ],
      ],
      data.cards,
      '没有黄牌。',
    );
    fillTable(
      $('evidence-table'),
      [
        ['事项', (e) => e.code],
        ['状态', (e) => e.state],
        ['申请时间', (e) => dayOf(e.requestedAt)],
        [
          '材料',
          (e) =>
            data.evidenceDownload
              ? el(
                  'a',
                  { href: withPlan('/cockpit/api/evidence', { task: e.code, index: e.index }) },
                  `${e.kind === 'image' ? '图片' : '文件'} ${e.index + 1}（下载）`,
                )
              : `${e.kind === 'image' ? '图片' : '文件'} ${e.index + 1}`,
        ],
      ],
      data.evidence,
      '没有附证明材料的销号申请。',
    );
  }

  let auditRequest = 0;

  async function loadAudit() {
    // Only the latest filter's answer is shown (an earlier one may arrive after it).
    const mine = ++auditRequest;
    const form = new FormData($('audit-form'));
    const params = { page: String(auditPage) };
    for (const [key, value] of form.entries()) if (value) params[key] = String(value);
    try {
      const audit = await getJson(withPlan('/cockpit/api/audit', params));
      if (mine !== auditRequest) return;
      const select = $('audit-form').elements.action;
      if (select.options.length === 1)
        for (const a of audit.actions) select.append(el('option', { value: a.value }, a.label));
      const pages = Math.max(1, Math.ceil(audit.total / audit.pageSize));
      $('audit-summary').textContent =
        `共 ${audit.total} 条（在最近 ${audit.window} 条记录中筛选），第 ${audit.page}/${pages} 页`;
      $('audit-prev').disabled = audit.page <= 1;
      $('audit-next').disabled = audit.page >= pages;
      fillTable(
        $('audit-table'),
        [
          ['时间', (e) => e.at],
          ['操作人', (e) => e.actor],
          ['操作', (e) => e.action],
          ['事项', (e) => e.taskCode || ''],
          ['单位', (e) => e.unit || ''],
        ],
        audit.entries,
        '没有符合条件的记录。',
      );
    } catch (error) {
      $('audit-summary').textContent = error.message;
    }
  }

  async function loadPlan() {
    for (const instance of charts.splice(0)) instance.dispose();
    const data = await getJson(withPlan('/cockpit/api/plan'));
    planId = data.plan.planId;
    $('plan-title').textContent =
      `${data.plan.docNo} ${data.plan.title}${data.plan.status === 'archived' ? '（已结案）' : ''}`;
    $('as-of').textContent = data.at;
    $('content').hidden = false;
    drawHeadline(data.headline);
    drawIndicators(data.indicators);
    drawUnits(data);
    drawKpis(data.kpis);
    drawLists(data);
    auditPage = 1;
    await loadAudit();
    $('status').textContent = '';
    $('status').hidden = true;
    document.body.dataset.ready = 'true';
  }

  /** A roll-up group's view (`?rollup=oc_…`): one row and one pair of bars per plan. */
  async function loadRollup(chatId) {
    const data = await getJson(`/cockpit/api/rollup?${new URLSearchParams({ rollup: chatId })}`);
    $('rollup-view').hidden = false;
    $('rollup-today').textContent = data.today;
    $('plan-title').textContent = `汇总群：${data.plans.length} 个整改方案`;
    fillTable(
      $('rollup-table'),
      [
        ['方案', (p) => el('a', { href: `/cockpit?plan=${encodeURIComponent(p.planId)}` }, p.name)],
        ['整改事项', (p) => p.total, 'num'],
        ['已销号', (p) => p.signedOff, 'num'],
        ['整改中', (p) => p.inProgress, 'num'],
        ['逾期', (p) => p.overdue, 'num'],
        ['平均进度', (p) => `${p.percent}%`, 'num'],
        ['有效黄牌', (p) => p.liveCards, 'num'],
        ['状态', (p) => (p.status === 'archived' ? '已结案' : '督办中')],
      ],
      data.plans,
      '汇总群中没有方案。',
    );
    chart($('chart-rollup')).setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['平均进度', '已销号占比'], top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: data.plans.map((p) => p.name) },
      series: [
        {
          name: '平均进度',
          type: 'bar',
          data: data.plans.map((p) => p.percent),
          itemStyle: { color: '#3370ff' },
        },
        {
          name: '已销号占比',
          type: 'bar',
          data: data.plans.map((p) => (p.total ? Math.round((p.signedOff / p.total) * 100) : 0)),
          itemStyle: { color: '#34c724' },
        },
      ],
    });
    $('status').hidden = true;
    document.body.dataset.ready = 'true';
  }

  async function start() {
    const rollup = new URLSearchParams(location.search).get('rollup');
    if (rollup) {
      loadRollup(rollup).catch(showError);
      return;
    }
    try {
      const me = await getJson('/cockpit/api/me');
      $('viewer').textContent = me.name ? `${me.name}` : '';
      $('logout').hidden = !me.canLogout;
      const select = $('plan-select');
      if (me.plans.length > 1) {
        select.hidden = false;
        for (const p of me.plans) select.append(el('option', { value: p.planId }, p.shortName || p.docNo));
        if (planId) select.value = planId;
        select.addEventListener('change', () => {
          planId = select.value;
          history.replaceState(null, '', `/cockpit?plan=${encodeURIComponent(planId)}`);
          loadPlan().catch(showError);
        });
      }
      await loadPlan();
    } catch (error) {
      showError(error);
    }
  }

  function showError(error) {
    $('status').hidden = false;
    $('status').textContent = error.message;
  }

  $('audit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    auditPage = 1;
    loadAudit();
  });
  $('audit-prev').addEventListener('click', () => {
    auditPage = Math.max(1, auditPage - 1);
    loadAudit();
  });
  $('audit-next').addEventListener('click', () => {
    auditPage += 1;
    loadAudit();
  });
  window.addEventListener('resize', () => {
    for (const instance of charts) instance.resize();
  });
  start();
})();
