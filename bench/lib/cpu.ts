import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU ticks (user + system) of this process and its descendants, by pid, with a short name. */
export type CpuSnapshot = Map<number, { name: string; ticks: number }>;

function readStat(pid: number): { ppid: number; name: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Fields after the name: state(0) ppid(1) … utime(11) stime(12).
    return { ppid: Number(fields[1]), name, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Takes the snapshot; `names` labels known pids (e.g. the bot child). Linux only; empty elsewhere. */
export function snapshotCpu(names: Record<number, string> = {}): CpuSnapshot {
  const all = new Map<number, { ppid: number; name: string; ticks: number }>();
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return new Map();
  }
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) all.set(pid, stat);
  }
  const mine: CpuSnapshot = new Map();
  const visit = (pid: number, label: string) => {
    const stat = all.get(pid);
    if (!stat) return;
    mine.set(pid, { name: names[pid] ?? label, ticks: stat.ticks });
    for (const [child, s] of all) if (s.ppid === pid) visit(child, names[child] ?? s.name);
  };
  visit(process.pid, 'bench (fake Lark + sender)');
  return mine;
}

/** CPU seconds used between two snapshots, summed by name, busiest first. */
export function cpuSeconds(before: CpuSnapshot, after: CpuSnapshot): [string, number][] {
  const byName = new Map<string, number>();
  for (const [pid, now] of after) {
    const used = (now.ticks - (before.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
    byName.set(now.name, (byName.get(now.name) ?? 0) + used);
  }
  return [...byName].filter(([, s]) => s > 0.05).sort((a, b) => b[1] - a[1]);
}

/** `bot 12.3 s, ferretdb 8.1 s, …` over a run of `wallSeconds`. */
export function describeCpu(used: [string, number][], wallSeconds: number): string {
  return `${used.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')} (wall ${wallSeconds.toFixed(1)} s)`;
}
