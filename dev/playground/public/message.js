// One message of the group as DOM: sender, bot time, the quote of the message it replies to, and its
// text, card or file. `view` is { nameOf, personOf, parentOf, me, onPress(message, action) }.

import { cardTitle, renderCard } from './card.js';
import { escapeHtml, mentionHtml } from './markdown.js';

const TZ = 'Asia/Shanghai';

/** `单位 · 角色`, or that the person is not bound yet. */
export function describe(person) {
  if (!person) return '';
  if (!person.unit) return '未绑定单位';
  return `${person.unit} · ${person.roleLabel ?? (person.isOffice ? '督办员' : '成员')}`;
}

export const dayFormat = new Intl.DateTimeFormat('zh-CN', {
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
export function localParts(ms) {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, seconds: p.second };
}

// ---- text messages ------------------------------------------------------------------------------

/** A text message's text: `@_user_N` placeholders and `<at>` tags shown as @名字. */
function textHtml(message, view) {
  const text = String(message.content?.text ?? '');
  const ctx = { nameOf: view.nameOf };
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

function plainText(message, view) {
  const holder = document.createElement('div');
  holder.innerHTML = textHtml(message, view);
  return holder.textContent;
}

/** One line that stands for a message in a reply's quote. */
function summary(message, view) {
  if (!message) return '（原消息不在此处）';
  if (message.msgType === 'text') return plainText(message, view);
  if (message.msgType === 'interactive') return `［卡片］${cardTitle(message.content)}`;
  if (message.msgType === 'file') return `［文件］${message.file?.name ?? ''}`;
  return `［${message.msgType} 消息］`;
}

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
  box.innerHTML = `<div class="file-icon">${/\.xlsx?$/i.test(name) ? 'XLS' : /\.docx?$/i.test(name) ? 'DOC' : '文件'}</div>
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

function renderContent(message, view) {
  if (message.msgType === 'interactive') {
    return renderCard(message.content, {
      nameOf: view.nameOf,
      archived: Boolean(message.archived),
      onAction: (action) => view.onPress(message, action),
    });
  }
  if (message.msgType === 'file') return renderFile(message);
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  bubble.innerHTML =
    message.msgType === 'text' ? textHtml(message, view) : escapeHtml(summary(message, view));
  return bubble;
}

const AVATAR_COLOURS = ['#3370ff', '#00b8a9', '#f77234', '#7f3bf5', '#14c0ff', '#e8508f', '#2ea121'];

function avatarColour(id) {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}

/** The message's row in the list; `data-*` attributes let tests and styles find it. */
export function renderMessage(message, view) {
  const fromBot = message.senderType === 'app';
  const node = document.createElement('div');
  node.className = `msg ${fromBot ? 'from-bot' : 'from-user'}`;
  node.dataset.id = message.id;
  node.dataset.sender = message.senderType;
  node.dataset.senderId = message.senderId;
  node.dataset.msgType = message.msgType;
  if (message.parentId) node.dataset.parent = message.parentId;
  if (message.archived) node.classList.add('archived');
  const name = fromBot ? message.senderName : view.nameOf(message.senderId) || message.senderName;
  const avatar = document.createElement('div');
  avatar.className = 'avatar';
  avatar.textContent = fromBot ? '督' : (name || '?').slice(-2);
  avatar.style.background = fromBot ? '#3370ff' : avatarColour(message.senderId);
  const main = document.createElement('div');
  main.className = 'msg-main';
  const when = localParts(message.botTime);
  const person = view.personOf(message.senderId);
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
    const parent = view.parentOf(message.parentId);
    const quote = document.createElement('div');
    quote.className = 'quote';
    const who = parent
      ? parent.senderType === 'app'
        ? parent.senderName
        : view.nameOf(parent.senderId) || parent.senderName
      : '';
    quote.textContent = `回复 ${who}：${summary(parent, view)}`;
    main.append(quote);
  }
  main.append(renderContent(message, view));
  node.append(avatar, main);
  markMine(node, view.me);
  return node;
}

/** Messages the chosen member sent sit on the right, as one's own do in a chat app. */
export function markMine(node, me) {
  node.classList.toggle('is-me', node.dataset.sender === 'user' && node.dataset.senderId === me);
}
