// The playground page: shows the demo group, sends messages and card presses as a chosen member, and
// drives the bot's clock. Plain browser JavaScript, no build step.

import { dayFormat, describe, localParts, markMine, renderMessage } from './message.js';

const POLL_MS = 1000;
const CHIPS = ['/帮助', '/我的', '/逾期', '/未报', '/总览', '/黄牌', '/导出', '/进展 6.1 60% '];

const state = {
  chat: null,
  /** Every demo group (`npm start -- --plan <notice>` adds one per notice) and the one shown. */
  groups: [],
  chatId: '',
  bot: null,
  people: [],
  me: localStorage.getItem('duban.me') || '',
  rev: '',
  messages: [],
  nodes: new Map(),
  lastDay: '',
  lastArchived: false,
  /** Set after sending or jumping the clock: the next new messages are scrolled into view. */
  followNext: false,
  clock: null,
  clockFetchedAt: 0,
};

const $ = (id) => document.getElementById(id);

function nameOf(openId) {
  if (state.bot && openId === state.bot.openId) return state.bot.name;
  return state.people.find((p) => p.openId === openId)?.name;
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

async function pressCard(message, { value, formValue, button, done }) {
  if (!state.me) {
    toast('请先选择发言身份', 'error');
    return;
  }
  button.disabled = true;
  try {
    const result = await api('/card-actions', {
      chatId: state.chatId,
      messageId: message.id,
      operatorOpenId: state.me,
      value,
      formValue,
    });
    done();
    state.followNext = true;
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

/** What a message needs to know about the group to be drawn. */
function messageView() {
  return {
    nameOf,
    personOf: (openId) => state.people.find((p) => p.openId === openId),
    parentOf: (id) => state.messages.find((m) => m.id === id),
    me: state.me,
    onPress: pressCard,
  };
}

function divider(text) {
  const line = document.createElement('div');
  line.className = 'day-divider';
  line.textContent = text;
  return line;
}

function showMessages(messages) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  state.messages = messages;
  $('empty-hint').hidden = messages.length > 0;
  const added = [];
  for (const message of messages) {
    const signature = JSON.stringify([message.updated, message.content, message.file, message.archived]);
    const known = state.nodes.get(message.id);
    if (known && known.signature === signature) continue;
    const node = renderMessage(message, messageView());
    if (known) {
      known.node.replaceWith(node);
    } else {
      if (state.lastArchived && !message.archived)
        list.append(divider('以上是此前运行时的消息，其中的按钮已失效'));
      state.lastArchived = Boolean(message.archived);
      const day = localParts(message.botTime).day;
      if (day !== state.lastDay) list.append(divider(dayFormat.format(new Date(message.botTime))));
      state.lastDay = day;
      list.append(node);
      added.push(node);
    }
    state.nodes.set(message.id, { node, signature });
  }
  if (added.length > 0 && (nearBottom || state.followNext)) {
    state.followNext = false;
    // The newest message, when taller than the list (a long card), is shown from its header.
    const last = added[added.length - 1];
    list.scrollTop = last.offsetHeight > list.clientHeight ? last.offsetTop - 8 : list.scrollHeight;
  }
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
  for (const { node } of state.nodes.values()) markMine(node, state.me);
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
  // `start`: the demo's start time (inside the plan's reporting period), running on from there.
  const label = adjusted ? '已调整' : state.clock?.mode === 'start' ? '演示时间' : '实时';
  $('clock-mode').textContent = label;
  $('clock-mode').classList.toggle('adjusted', label !== '实时');
}

async function jumpClock(event) {
  event.preventDefault();
  const at = $('clock-input').value;
  if (!at) return;
  try {
    const clock = await api('/clock', { at });
    showClock(clock);
    state.followNext = true;
    toast(
      clock.rewound
        ? `机器人时间已调回 ${at.replace('T', ' ')}：往回调后已发的提醒和黄牌不会重来，所以演示数据（报送、黄牌、绑定）已重置为初始状态`
        : `机器人时间已调整到 ${at.replace('T', ' ')}，到点的提醒和通报会陆续出现`,
    );
    setTimeout(poll, 300);
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function resetClock() {
  try {
    const clock = await api('/clock/reset', {});
    showClock(clock);
    toast(clock.rewound ? '已恢复为实时时间：这是往回调，演示数据已重置为初始状态' : '已恢复为实时时间');
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
    await api('/messages', { chatId: state.chatId, senderOpenId: state.me, text });
    state.followNext = true;
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
  state.groups = data.groups ?? [data.chat];
  if (!state.groups.some((g) => g.id === state.chatId)) state.chatId = data.chat.id;
  state.chat = state.groups.find((g) => g.id === state.chatId);
  state.bot = data.bot;
  state.people = data.people;
  $('chat-title').textContent = state.chat.name;
  showGroups();
  $('chat-sub').textContent = `${data.people.length} 位成员 + ${data.bot.name}（本地模拟，未连接飞书）`;
  showPeople();
  showClock(data.clock);
}

/** The group chooser, shown only when there is more than one demo group. */
function showGroups() {
  const select = $('group');
  select.hidden = state.groups.length < 2;
  select.replaceChildren(
    ...state.groups.map((g) => {
      const option = document.createElement('option');
      option.value = g.id;
      option.textContent = g.name;
      return option;
    }),
  );
  select.value = state.chatId;
}

/** Shows another demo group: its messages are drawn from scratch. */
async function switchGroup(chatId) {
  state.chatId = chatId;
  state.chat = state.groups.find((g) => g.id === chatId);
  $('chat-title').textContent = state.chat?.name ?? '';
  state.rev = '';
  state.messages = [];
  state.nodes.clear();
  state.lastDay = '';
  state.lastArchived = false;
  for (const node of [...$('messages').children]) if (node.id !== 'empty-hint') node.remove();
  $('empty-hint').hidden = false;
  state.followNext = true;
  await poll();
}

let polling = false;
async function poll() {
  if (polling) return;
  polling = true;
  try {
    const chat = encodeURIComponent(state.chatId);
    const data = await api(`/messages?chatId=${chat}&rev=${encodeURIComponent(state.rev)}`);
    showClock(data.clock);
    // Another group was chosen meanwhile: its own poll draws it.
    if (chat !== encodeURIComponent(state.chatId)) return;
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
  $('group').addEventListener('change', (event) => switchGroup(event.target.value));
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
