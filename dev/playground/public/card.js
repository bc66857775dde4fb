// Renders a Lark interactive card (JSON 2.0, and the 1.0 shapes that are easy to read) as DOM.
// ctx: { nameOf(openId), archived, onAction({ value, formValue, button }) }

import { blockMd, escapeHtml, inlineMd } from './markdown.js';

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function textOf(t) {
  if (!t) return '';
  return typeof t === 'string' ? t : (t.content ?? '');
}

/** The card's title, for quotes and notifications. */
export function cardTitle(card) {
  return textOf(card?.header?.title) || '卡片消息';
}

/** The whole card: header in its colour, then the body's elements. */
export function renderCard(card, ctx) {
  const template = card?.header?.template || 'default';
  const root = el('div', 'card');
  root.dataset.template = template;
  if (card?.header) {
    const header = el('div', `card-header tpl-${template}`);
    header.append(el('div', 'card-title', escapeHtml(textOf(card.header.title))));
    const subtitle = textOf(card.header.subtitle);
    if (subtitle) header.append(el('div', 'card-subtitle', escapeHtml(subtitle)));
    root.append(header);
  }
  const body = el('div', 'card-body');
  const elements = card?.body?.elements ?? card?.elements ?? [];
  for (const element of elements) body.append(renderElement(element, ctx));
  root.append(body);
  return root;
}

function renderElement(element, ctx, form) {
  switch (element?.tag) {
    case 'markdown':
      return el('div', 'card-md', blockMd(element.content ?? '', ctx));
    case 'div':
      return el('div', 'card-md', divHtml(element, ctx));
    case 'plain_text':
      return el('div', 'card-md', escapeHtml(element.content ?? ''));
    case 'hr':
      return el('hr', 'card-hr');
    case 'table':
      return renderTable(element, ctx);
    case 'column_set':
      return renderColumns(element, ctx, form);
    case 'button':
      return renderButton(element, ctx, form);
    case 'action':
      return renderActions(element, ctx);
    case 'form':
      return renderForm(element, ctx);
    case 'input':
      return renderInput(element);
    case 'note':
      return el(
        'div',
        'card-note',
        (element.elements ?? [])
          .map((e) => (e.tag === 'plain_text' ? escapeHtml(e.content) : inlineMd(e.content ?? '', ctx)))
          .join(' '),
      );
    default:
      return el('div', 'card-unknown', `［不支持的组件：${escapeHtml(element?.tag ?? '?')}］`);
  }
}

function divHtml(element, ctx) {
  const text = element.text;
  if (!text) return '';
  return text.tag === 'plain_text' ? escapeHtml(text.content ?? '') : blockMd(text.content ?? '', ctx);
}

function cellHtml(column, value, ctx) {
  if (value === undefined || value === null) return '';
  switch (column.data_type) {
    case 'lark_md':
    case 'markdown':
      return blockMd(String(value), ctx);
    case 'number':
      return escapeHtml(String(value));
    case 'options':
      return (Array.isArray(value) ? value : [value])
        .map(
          (o) =>
            `<span class="md-tag tag-${escapeHtml(o.color ?? 'neutral')}">${escapeHtml(o.text ?? o)}</span>`,
        )
        .join(' ');
    case 'persons':
      return (Array.isArray(value) ? value : [value])
        .map((id) => `<span class="at">@${escapeHtml(ctx.nameOf(id) || id)}</span>`)
        .join(' ');
    default:
      return escapeHtml(String(value));
  }
}

/** A table with its header row and Lark's paging (page_size rows a page). */
function renderTable(element, ctx) {
  const columns = element.columns ?? [];
  const rows = element.rows ?? [];
  const pageSize = Math.max(1, element.page_size ?? 5);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const wrap = el('div', 'card-table');
  const table = el('table');
  const head = el('tr');
  for (const column of columns) {
    const th = el(
      'th',
      column.data_type === 'number' ? 'num' : '',
      escapeHtml(column.display_name ?? column.name),
    );
    if (column.width && /px$/.test(column.width)) th.style.width = column.width;
    head.append(th);
  }
  table.append(el('thead'));
  table.tHead.append(head);
  const body = el('tbody');
  table.append(body);
  wrap.append(table);
  let page = 0;
  const pager = el('div', 'card-pager');
  const prev = el('button', 'pager-btn', '‹');
  const next = el('button', 'pager-btn', '›');
  const label = el('span', 'pager-label');
  prev.type = 'button';
  next.type = 'button';
  prev.title = '上一页';
  next.title = '下一页';
  const show = () => {
    body.replaceChildren();
    for (const row of rows.slice(page * pageSize, (page + 1) * pageSize)) {
      const tr = el('tr');
      for (const column of columns)
        tr.append(
          el('td', column.data_type === 'number' ? 'num' : '', cellHtml(column, row[column.name], ctx)),
        );
      body.append(tr);
    }
    label.textContent = `第 ${page + 1}/${pages} 页 · 共 ${rows.length} 行`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  prev.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    show();
  });
  next.addEventListener('click', () => {
    page = Math.min(pages - 1, page + 1);
    show();
  });
  pager.append(prev, label, next);
  if (pages > 1) wrap.append(pager);
  show();
  return wrap;
}

function renderColumns(element, ctx, form) {
  const set = el('div', `card-columns${element.flex_mode === 'flow' ? ' flow' : ''}`);
  for (const column of element.columns ?? []) {
    const col = el('div', 'card-column');
    if (column.width === 'weighted') col.style.flex = String(column.weight ?? 1);
    for (const child of column.elements ?? []) col.append(renderElement(child, ctx, form));
    set.append(col);
  }
  return set;
}

function renderActions(element, ctx) {
  const row = el('div', 'card-columns flow');
  for (const action of element.actions ?? []) row.append(renderElement(action, ctx));
  return row;
}

function renderInput(element) {
  const input = el('input', 'card-input');
  input.name = element.name ?? '';
  input.placeholder = textOf(element.placeholder);
  input.required = Boolean(element.required);
  if (element.default_value) input.value = element.default_value;
  return input;
}

/** A form: its submit button sends the button's value with every input's value by name. */
function renderForm(element, ctx) {
  const form = el('form', 'card-form');
  form.addEventListener('submit', (event) => event.preventDefault());
  for (const child of element.elements ?? []) form.append(renderElement(child, ctx, form));
  return form;
}

function callbackValue(element) {
  const behaviour = (element.behaviors ?? []).find((b) => b.type === 'callback');
  return behaviour?.value ?? element.value;
}

function renderButton(element, ctx, form) {
  const url = (element.behaviors ?? []).find((b) => b.type === 'open_url')?.default_url ?? element.url;
  const button = el('button', `card-btn btn-${element.type || 'default'}`);
  button.type = 'button';
  button.textContent = textOf(element.text);
  if (element.disabled || ctx.archived) {
    button.disabled = true;
    if (ctx.archived) button.title = '这是上次运行时的消息，按钮已失效';
    return button;
  }
  button.addEventListener('click', () => {
    if (url) {
      window.open(url, '_blank', 'noopener');
      return;
    }
    const value = callbackValue(element);
    if (!value) return;
    const submits = form && (element.form_action_type === 'submit' || element.action_type === 'form_submit');
    if (submits) {
      const inputs = [...form.querySelectorAll('input, textarea')];
      const invalid = inputs.find((input) => !input.checkValidity());
      if (invalid) {
        invalid.reportValidity();
        return;
      }
      const formValue = Object.fromEntries(inputs.map((input) => [input.name, input.value]));
      ctx.onAction({ value, formValue, button, done: () => form.reset() });
      return;
    }
    ctx.onAction({ value, button, done: () => {} });
  });
  return button;
}
