/**
 * The link to a plan's cockpit, as chat cards carry it. `url` is the plain https link: Lark opens it
 * in its in-app browser on phones, where the web-app login passes without a password. `pcUrl` wraps
 * it in Lark's applink (`https://applink.feishu.cn/client/web_url/open?url=…&mode=window`) so the
 * desktop client opens it in a Lark window too rather than the system browser (where the person
 * would have to sign in to Lark again); on a base URL other than Feishu's or Lark's (the fake Lark)
 * there is no applink and the plain link serves both.
 */
export interface CockpitLink {
  url: string;
  pcUrl?: string;
}

const APPLINK_HOSTS: Record<string, string> = {
  'https://open.feishu.cn': 'https://applink.feishu.cn',
  'https://open.larksuite.com': 'https://applink.larksuite.com',
};

/** What a link opens: one plan, or a roll-up group's plans (by the group's chat id). */
export type CockpitTarget = { plan: string } | { rollup: string };

/** The cockpit's address for `target`, or undefined when the cockpit is off (no PUBLIC_BASE_URL). */
export function cockpitLink(
  cockpit: { publicBaseUrl: string } | undefined,
  larkDomain: string,
  target: CockpitTarget,
): CockpitLink | undefined {
  if (!cockpit) return undefined;
  const query =
    'plan' in target
      ? `plan=${encodeURIComponent(target.plan)}`
      : `rollup=${encodeURIComponent(target.rollup)}`;
  const url = `${cockpit.publicBaseUrl}/cockpit?${query}`;
  const applink = APPLINK_HOSTS[larkDomain];
  if (!applink) return { url };
  return { url, pcUrl: `${applink}/client/web_url/open?mode=window&url=${encodeURIComponent(url)}` };
}
