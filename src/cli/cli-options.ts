/** The plan tool's options, shared by its subcommands (plan.ts, plan-documents.ts). */

/** What each option expects, for the message when its value is missing. */
const OPTION_VALUE: Record<string, string> = {
  '--overlay': '--overlay 后应为文件路径（--overlay needs a file）',
  '--chat': '--chat 后应为群 ID oc_…（--chat needs a chat id）',
  '--plan': '--plan 后应为方案文号（--plan needs a plan id）',
  '--out': '--out 后应为输出文件路径（--out needs a file）',
};

/**
 * Splits `args` into positional arguments and the values of the `allowed` options (each takes one
 * value, given once); returns a message when the arguments are wrong.
 */
export function readOptions(
  args: string[],
  allowed: string[],
): { positional: string[]; values: Record<string, string | undefined> } | string {
  const positional: string[] = [];
  const values: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (allowed.includes(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        return OPTION_VALUE[arg] ?? `${arg} 缺少值（${arg} needs a value）`;
      if (values[arg] !== undefined) return `${arg} 只能给一次（${arg} given twice）`;
      values[arg] = value;
      i += 1;
    } else if (arg.startsWith('--')) {
      return `未知选项：${arg}（unknown option）`;
    } else {
      positional.push(arg);
    }
  }
  return { positional, values };
}
