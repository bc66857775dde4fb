/** A small page of the cockpit's own (refusal, login failure), in Chinese; every fragment escaped. */
export function messagePage(input: { title: string; lines: string[] }): string {
  const lines = input.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n    ');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(input.title)} · 督办驾驶舱</title>
  <link rel="stylesheet" href="/cockpit/cockpit.css">
</head>
<body class="message-page">
  <main class="message">
    <h1>${escapeHtml(input.title)}</h1>
    ${lines}
  </main>
</body>
</html>
`;
}

/** The refusal: the person is signed in with Lark but is neither office nor 领导 of any plan. */
export function refusalPage(name: string | undefined): string {
  return messagePage({
    title: '无权查看督办驾驶舱',
    lines: [
      `${name ? `${name}，` : ''}您没有查看督办驾驶舱的权限。`,
      '驾驶舱仅向整改方案的督办员和领导小组成员开放。',
      '如需查看，请联系县优化营商环境办督办员在工作群中发送：/绑定 @您 领导',
    ],
  });
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made inert for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
