import { join, relative, resolve } from 'node:path';
import { atLocal } from '../../src/domain/clock.js';
import { startPlayground } from './playground.js';

/** The project folder (dev/playground/ → ../..), so `.local/` is the same wherever npm start is run from. */
const PROJECT_DIR = resolve(import.meta.dirname, '../..');

const USAGE = `用法：npm start [-- --reset] [-- --now <时间>] [-- --plan <方案通知文件> …]

  --reset        删除 .local/ 中的全部本地数据（数据库、队列、聊天记录）后重新开始
  --now <时间>   机器人从这个时间开始，例如 --now 2023-05-19T08:30:00+08:00 或 --now "2023-05-19 08:30"
                 （北京时间）；不填时接着上次的时间，首次运行从整改方案的第一个报送月开始
  --plan <文件>  再载入一个整改方案通知（.txt/.docx/.pdf/.html/.xlsx），放进它自己的演示群；可给多次
  PORT           页面端口（默认 8080）；HOST 监听地址（默认 127.0.0.1）`;

/** `--now` as an instant: an ISO time with offset, or a wall time read in Asia/Shanghai. */
function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? new Date(value) : atLocal(value.replace('T', ' '));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** `npm start`: the playground with its data under `.local/`, stopped by Ctrl+C. */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const nowAt = argv.indexOf('--now');
  const nowText = nowAt >= 0 ? argv[nowAt + 1] : undefined;
  const now = parseNow(nowText);
  if (nowAt >= 0 && !now) {
    console.error(`--now 的时间无法识别：${nowText ?? '（缺少时间）'}\n\n${USAGE}`);
    process.exit(2);
  }
  const planAt = argv.flatMap((a, i) => (a === '--plan' ? [i] : []));
  const plans = planAt.map((i) => argv[i + 1] ?? '');
  if (plans.some((file) => file === '' || file.startsWith('--'))) {
    console.error(`--plan 缺少方案通知文件\n\n${USAGE}`);
    process.exit(2);
  }
  const taken = new Set([...(nowAt >= 0 ? [nowAt, nowAt + 1] : []), ...planAt.flatMap((i) => [i, i + 1])]);
  const unknown = argv.filter((a, i) => a !== '--reset' && !taken.has(i));
  if (unknown.length > 0) {
    console.error(`未知参数：${unknown.join(' ')}\n\n${USAGE}`);
    process.exit(2);
  }
  const dataDir = join(PROJECT_DIR, '.local');
  const reset = argv.includes('--reset');
  const started = Date.now();
  console.log(
    `督办助手 本地体验：数据保存在 ${relative(process.cwd(), dataDir) || '.'}/${reset ? '（已清空重来）' : ''}`,
  );
  const playground = await startPlayground({
    dataDir,
    reset,
    port: env.PORT ? Number(env.PORT) : 8080,
    host: env.HOST || '127.0.0.1',
    now,
    env,
    plans,
    log: (line) => console.log(`  ${line}`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n已就绪（用时 ${seconds} 秒）。在浏览器中打开：\n\n  ${playground.url}\n`);
  console.log(`机器人日志：${relative(process.cwd(), join(dataDir, 'logs', 'bot.log'))}；按 Ctrl+C 停止。`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止并保存…`);
    playground.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  if ((error as { code?: string }).code === 'EADDRINUSE') {
    console.error(
      `本地体验启动失败：端口 ${process.env.PORT || 8080} 已被占用。换一个端口试试，例如：PORT=8081 npm start`,
    );
  } else {
    console.error('本地体验启动失败：', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
