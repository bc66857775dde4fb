// The playground page: shows the demo group, sends messages and card presses as a chosen member, and
// drives the bot's clock. Plain browser JavaScript, no build step.

import { cardTitle, renderCard } from './card.js';
import { escapeHtml, mentionHtml } from './markdown.js';

const POLL_MS = 1000;
const TZ = 'Asia/Shanghai';
const CHIPS = ['/帮助', '/我的', '/逾期', '/未报', '/总览', '/黄牌', '/导出', '/进展 6.1 60% '];

const state = {
  chat: null,
  bot: null,
  people: [],
  me: localStorage.getItem('duban.me') || '',
  rev: '',
  messages: [],
  nodes: new Map(),
  lastDay: '',
  clock: null,
  clockFetchedAt: 0,
};

const $ = (id) => document.getElementById(id);

function nameOf(openId) {
  if (state.bot && openId === state.bot.openId) return state.bot.name;
  return state.people.find((p) => p.openId === openId)?.name;
}

function describe(person) {
  if (!person) return '';
  if (!person.unit) return '未绑定单位';
  return person.isOffice || person.role === 'office'
    ? `${person.unit} · ${person.roleLabel ?? '督办员'}`
    : `${person.unit} · ${person.roleLabel ?? ''}`;
}

const dayFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'long',
});
const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `{ day: '2023-05-19', time: '09:00', seconds: '00' }` in Asia/Shanghai. */
function localParts(ms) {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, seconds: p.second };
}

function toast(text, kind = 'info') {
  const box = $('toast');
  box.textContent = text;
  box.className = `toast toast-${kind}`;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    box.hidden = true;
  }, 2600);
}

async function api(path, body) {
  const response = await fetch(`/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `请求失败（${response.status}）`);
  return data;
}

// ---- text messages ------------------------------------------------------------------------------

/** A text message's text: `@_user_N` placeholders and `<at>` tags shown as @名字. */
function textHtml(message) {
  const text = String(message.content?.text ?? '');
  const ctx = { nameOf };
  const keys = new Map((message.mentions ?? []).map((m) => [m.key, m]));
  const parts = text.split(/(<at\s+user_id=["']?[^"'\s>]+["']?>[^<]*<\/at>|@_user_\d+|@_all)/g);
  return parts
    .map((part) => {
      const tag = /^<at\s+user_id=["']?([^"'\s>]+)["']?>([^<]*)<\/at>$/.exec(part);
      if (tag) return mentionHtml(tag[1], tag[2], ctx);
      if (part === '@_all') return mentionHtml('all', '', ctx);
      const mention = keys.get(part);
      if (mention) return mentionHtml(mention.openId, mention.name, ctx);
      return escapeHtml(part).replace(/\n/g, '<br>');
    })
    .join('');
}

function plainText(message) {
  const holder = document.createElement('div');
  holder.innerHTML = textHtml(message);
  return holder.textContent;
}

/** One line that stands for a message in a reply's quote. */
function summary(message) {
  if (!message) return '（原消息不在此处）';
  if (message.msgType === 'text') return plainText(message);
  if (message.msgType === 'interactive') return `［卡片］${cardTitle(message.content)}`;
  if (message.msgType === 'file') return `［文件］${message.file?.name ?? ''}`;
  return `［${message.msgType} 消息］`;
}

// ---- message list --------------------------------------------------------------------------------

function formatSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function renderFile(message) {
  const box = document.createElement('div');
  box.className = 'file-box';
  const key = message.file?.key ?? message.content?.file_key ?? '';
  const name = message.file?.name ?? key;
  box.innerHTML = `<div class="file-icon">${/\.xlsx?$/i.test(name) ? 'XLS' : '文件'}</div>
    <div class="file-meta"><div class="file-name">${escapeHtml(name)}</div>
    <div class="file-size">${message.file ? formatSize(message.file.size) : '文件已不可用'}</div></div>`;
  if (message.file) {
    const link = document.createElement('a');
    link.className = 'file-download';
    link.href = `/api/files/${encodeURIComponent(key)}`;
    link.download = name;
    link.textContent = '下载';
    box.append(link);
  }
  return box;
}

async function pressCard(message, { value, formValue, button, done }) {
  if (!state.me) {
    toast('请先选择发言身份', 'error');
    return;
  }
  button.disabled = true;
  try {
    const result = await api('/card-actions', {
      messageId: message.id,
      operatorOpenId: state.me,
      value,
      formValue,
    });
    done();
    if (result.toast?.content) toast(result.toast.content, result.toast.type === 'error' ? 'error' : 'info');
    setTimeout(poll, 300);
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    setTimeout(() => {
      button.disabled = false;
    }, 800);
  }
}

function renderContent(message) {
  if (message.msgType === 'interactive') {
    return renderCard(message.content, {
      nameOf,
      archived: Boolean(message.archived),
      onAction: (action) => pressCard(message, action),
    });
  }
  if (message.msgType === 'file') return renderFile(message);
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  bubble.innerHTML = message.msgType === 'text' ? textHtml(message) : escapeHtml(summary(message));
  return bubble;
}

const AVATAR_COLOURS = ['#3370ff', '#00b8a9', '#f77234', '#7f3bf5', '#14c0ff', '#e8508f', '#2ea121'];

function avatarColour(id) {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}

function renderMessage(message) {
  const fromBot = message.senderType === 'app';
  const node = document.createElement('div');
  node.className = `msg ${fromBot ? 'from-bot' : 'from-user'}`;
  node.dataset.id = message.id;
  node.dataset.sender = message.senderType;
  node.dataset.senderId = message.senderId;
  node.dataset.msgType = message.msgType;
  if (message.parentId) node.dataset.parent = message.parentId;
  if (message.archived) node.classList.add('archived');
  const name = fromBot ? message.senderName : nameOf(message.senderId) || message.senderName;
  const avatar = document.createElement('div');
  avatar.className = 'avatar';
  avatar.textContent = fromBot ? '督' : (name || '?').slice(-2);
  avatar.style.background = fromBot ? '#3370ff' : avatarColour(message.senderId);
  const main = document.createElement('div');
  main.className = 'msg-main';
  const when = localParts(message.botTime);
  const person = state.people.find((p) => p.openId === message.senderId);
  main.innerHTML = `<div class="msg-meta"><span class="msg-name">${escapeHtml(name)}</span>${
    fromBot
      ? '<span class="badge">机器人</span>'
      : person?.unit
        ? `<span class="msg-unit">${escapeHtml(describe(person))}</span>`
        : ''
  }<span class="msg-time" title="机器人时间">${when.day} ${when.time}</span>${
    message.updated ? '<span class="msg-edited">已更新</span>' : ''
  }</div>`;
  if (message.parentId) {
    const parent = state.messages.find((m) => m.id === message.parentId);
    const quote = document.createElement('div');
    quote.className = 'quote';
    const who = parent
      ? parent.senderType === 'app'
        ? parent.senderName
        : nameOf(parent.senderId) || parent.senderName
      : '';
    quote.textContent = `回复 ${who}：${summary(parent)}`;
    main.append(quote);
  }
  main.append(renderContent(message));
  node.append(avatar, main);
  markMine(node);
  return node;
}

function markMine(node) {
  node.classList.toggle('is-me', node.dataset.sender === 'user' && node.dataset.senderId === state.me);
}

function dayDivider(ms) {
  const divider = document.createElement('div');
  divider.className = 'day-divider';
  divider.textContent = dayFormat.format(new Date(ms));
  return divider;
}

function showMessages(messages) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  state.messages = messages;
  $('empty-hint').hidden = messages.length > 0;
  let added = false;
  for (const message of messages) {
    const signature = JSON.stringify([message.updated, message.content, message.file, message.archived]);
    const known = state.nodes.get(message.id);
    if (known && known.signature === signature) continue;
    const node = renderMessage(message);
    if (known) {
      known.node.replaceWith(node);
    } else {
      const day = localParts(message.botTime).day;
      if (day !== state.lastDay) list.append(dayDivider(message.botTime));
      state.lastDay = day;
      list.append(node);
      added = true;
    }
    state.nodes.set(message.id, { node, signature });
  }
  if (added && nearBottom) list.scrollTop = list.scrollHeight;
}

// ---- people --------------------------------------------------------------------------------------

function showPeople() {
  const select = $('speaker');
  const chosen = state.me;
  select.replaceChildren(
    ...state.people.map((p) => {
      const option = document.createElement('option');
      option.value = p.openId;
      option.textContent = `${p.name}（${describe(p)}）`;
      return option;
    }),
  );
  if (!state.people.some((p) => p.openId === chosen)) {
    state.me = (state.people.find((p) => p.isOffice) ?? state.people[0])?.openId ?? '';
  }
  select.value = state.me;
  showMe();
}

function showMe() {
  const me = state.people.find((p) => p.openId === state.me);
  $('speaker-info').textContent = me
    ? `你正在以「${me.name}」的身份发言：${describe(me)}${me.isOffice ? '，可使用督办员命令' : ''}`
    : '';
  for (const { node } of state.nodes.values()) markMine(node);
}

// ---- clock ---------------------------------------------------------------------------------------

function botNowMs() {
  if (!state.clock) return Date.now();
  return Date.parse(state.clock.now) + (Date.now() - state.clockFetchedAt);
}

function showClock(clock) {
  if (clock) {
    state.clock = clock;
    state.clockFetchedAt = Date.now();
  }
  const p = localParts(botNowMs());
  $('clock-now').textContent = `${p.day} ${p.time}:${p.seconds}`;
  const adjusted = Boolean(state.clock?.adjusted);
  $('clock-mode').textContent = adjusted ? '已调整' : '实时';
  $('clock-mode').classList.toggle('adjusted', adjusted);
}

async function jumpClock(event) {
  event.preventDefault();
  const at = $('clock-input').value;
  if (!at) return;
  try {
    showClock(await api('/clock', { at }));
    toast(`机器人时间已调整到 ${at.replace('T', ' ')}，到点的提醒和通报会陆续出现`);
    setTimeout(poll, 300);
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function resetClock() {
  try {
    showClock(await api('/clock/reset', {}));
    toast('已恢复为实时时间');
  } catch (error) {
    toast(error.message, 'error');
  }
}

// ---- sending -------------------------------------------------------------------------------------

async function send(event) {
  event?.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  if (!state.me) {
    toast('请先选择发言身份', 'error');
    return;
  }
  $('send').disabled = true;
  try {
    await api('/messages', { senderOpenId: state.me, text });
    input.value = '';
    setTimeout(poll, 200);
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    $('send').disabled = false;
    input.focus();
  }
}

// ---- polling -------------------------------------------------------------------------------------

async function loadState() {
  const data = await api('/state');
  state.chat = data.chat;
  state.bot = data.bot;
  state.people = data.people;
  $('chat-title').textContent = data.chat.name;
  $('chat-sub').textContent = `${data.people.length} 位成员 + ${data.bot.name}（本地模拟，未连接飞书）`;
  showPeople();
  showClock(data.clock);
}

let polling = false;
async function poll() {
  if (polling) return;
  polling = true;
  try {
    const data = await api(`/messages?rev=${encodeURIComponent(state.rev)}`);
    showClock(data.clock);
    if (data.messages) {
      // Bindings change through /绑定 and /解绑: refresh the people before drawing new messages.
      if (state.rev) await loadState();
      state.rev = data.rev;
      showMessages(data.messages);
    }
    $('chat-sub').classList.remove('offline');
  } catch {
    $('chat-sub').textContent = '与本地服务的连接中断，正在重试…';
    $('chat-sub').classList.add('offline');
  } finally {
    polling = false;
  }
}

function setUp() {
  $('speaker').addEventListener('change', (event) => {
    state.me = event.target.value;
    localStorage.setItem('duban.me', state.me);
    showMe();
  });
  $('composer-form').addEventListener('submit', send);
  $('composer-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  $('clock-form').addEventListener('submit', jumpClock);
  $('clock-reset').addEventListener('click', resetClock);
  $('chips').append(
    ...CHIPS.map((text) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = text.trim();
      chip.addEventListener('click', () => {
        const input = $('composer-input');
        input.value = text;
        input.focus();
      });
      return chip;
    }),
  );
  setInterval(() => showClock(), 1000);
  setInterval(poll, POLL_MS);
}

async function start() {
  setUp();
  try {
    await loadState();
    const p = localParts(botNowMs());
    $('clock-input').value = `${p.day}T${p.time}`;
    await poll();
    $('messages').scrollTop = $('messages').scrollHeight;
  } catch (error) {
    toast(`无法连接本地服务：${error.message}`, 'error');
  }
}

start();
