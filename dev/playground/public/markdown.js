// Lark card markdown (the subset in docs/lark.md §7) turned into safe HTML: every character of the
// source is escaped first, then only the known tags and markdown marks become elements.

const FONT_COLOURS = {
  red: '#d83931',
  green: '#2ea121',
  grey: '#8f959e',
  gray: '#8f959e',
  orange: '#de7802',
  yellow: '#dc9b04',
  blue: '#245bdb',
  wathet: '#049fd7',
  turquoise: '#078372',
  carmine: '#c71077',
  violet: '#9f29c6',
  purple: '#6425d0',
  indigo: '#3a4ddb',
  default: 'inherit',
};

/** Escapes text for HTML, keeping character references (`&#42;`) the renderers use to make `*` inert. */
export function escapeHtml(text) {
  return String(text)
    .replace(/&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function colourOf(name) {
  if (/^#[0-9a-fA-F]{3,6}$/.test(name)) return name;
  return FONT_COLOURS[name.toLowerCase()] ?? 'inherit';
}

/** Inline tags Lark understands; each gives the HTML that replaces it. */
const TAGS = [
  {
    re: /^<font\s+color=['"]?([#a-zA-Z0-9]+)['"]?\s*>/,
    html: (m) => `<span class="md-font" style="color:${colourOf(m[1])}">`,
  },
  { re: /^<\/font>/, html: () => '</span>' },
  {
    re: /^<at\s+(?:id|user_id|open_id)=['"]?([^'"\s>]+)['"]?\s*>([^<]*)<\/at>/,
    html: (m, ctx) => mentionHtml(m[1], m[2], ctx),
  },
  { re: /^<text_tag\s+color=['"]?([a-z]+)['"]?\s*>/, html: (m) => `<span class="md-tag tag-${m[1]}">` },
  { re: /^<\/text_tag>/, html: () => '</span>' },
  {
    re: /^<a\s+href=['"]?(https?:\/\/[^'"\s>]+)['"]?\s*>/,
    html: (m) => `<a href="${escapeHtml(m[1])}" target="_blank" rel="noopener noreferrer">`,
  },
  { re: /^<\/a>/, html: () => '</a>' },
];

/** `@名字` for a mention; `all` is everybody. */
export function mentionHtml(id, typedName, ctx) {
  const name = id === 'all' ? '所有人' : ctx.nameOf(id) || typedName || '未知成员';
  return `<span class="at" data-open-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
}

/** One line of markdown (no block syntax) as HTML. */
export function inlineMd(source, ctx) {
  const tags = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, lt);
    const rest = source.slice(lt);
    const tag = TAGS.map((t) => ({ t, m: t.re.exec(rest) })).find((x) => x.m);
    if (tag) {
      text += `\uE000${tags.length}\uE001`;
      tags.push(tag.t.html(tag.m, ctx));
      i = lt + tag.m[0].length;
    } else {
      text += '<';
      i = lt + 1;
    }
  }
  const html = escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(.+?)__/g, '<strong>$1</strong>')
    .replace(/~~(.+?)~~/g, '<del>$1</del>')
    .replace(/\*([^*\s][^*]*?)\*/g, '<em>$1</em>')
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
      '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>',
    )
    .replace(/:([A-Za-z]+):/g, (all, key) => EMOJI[key] ?? all);
  return html.replace(/\uE000(\d+)\uE001/g, (_all, n) => tags[Number(n)] ?? '');
}

const EMOJI = { OK: '👌', THUMBSUP: '👍', DONE: '✅', WARNING: '⚠️', ALARM: '⏰', FIRE: '🔥', SMILE: '😄' };

const LIST_ITEM = /^(\s*)([-*+]|\d+\.)\s+(.*)$/;

/** A markdown block (lists, headings, quotes, dividers, code fences, line breaks) as HTML. */
export function blockMd(source, ctx) {
  const out = [];
  const lists = [];
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.join('<br>')}</p>`);
    paragraph = [];
  };
  const closeLists = (depth) => {
    while (lists.length > depth) out.push(`</li></${lists.pop()}>`);
  };
  const lines = String(source).split('\n');
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n];
    if (/^\s*```/.test(line)) {
      flushParagraph();
      closeLists(0);
      const code = [];
      for (n += 1; n < lines.length && !/^\s*```/.test(lines[n]); n += 1) code.push(lines[n]);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      const depth = Math.min(5, Math.floor(item[1].replace(/\t/g, '    ').length / 2)) + 1;
      const kind = /\d/.test(item[2]) ? 'ol' : 'ul';
      if (lists.length >= depth) {
        closeLists(depth);
        if (lists[depth - 1] !== kind) {
          out.push(`</li></${lists.pop()}>`);
          out.push(`<${kind}>`);
          lists.push(kind);
        } else out.push('</li>');
      } else {
        while (lists.length < depth) {
          out.push(`<${kind}>`);
          lists.push(kind);
        }
      }
      const start = kind === 'ol' ? ` value="${Number.parseInt(item[2], 10)}"` : '';
      out.push(`<li${start}>${inlineMd(item[3], ctx)}`);
      continue;
    }
    closeLists(0);
    if (/^\s*$/.test(line)) {
      flushParagraph();
    } else if (/^\s*-{3,}\s*$/.test(line)) {
      flushParagraph();
      out.push('<hr>');
    } else if (/^#{1,6}\s/.test(line)) {
      flushParagraph();
      const level = Math.min(6, line.indexOf(' '));
      out.push(`<div class="md-h md-h${level}">${inlineMd(line.slice(level + 1), ctx)}</div>`);
    } else if (/^>\s?/.test(line)) {
      flushParagraph();
      out.push(`<blockquote>${inlineMd(line.replace(/^>\s?/, ''), ctx)}</blockquote>`);
    } else {
      paragraph.push(inlineMd(line, ctx));
    }
  }
  flushParagraph();
  closeLists(0);
  return out.join('');
}
