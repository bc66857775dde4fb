/**
 * A unit member's role; the office (督办员) is a role too, and so are the plan's leaders (领导: the
 * 领导小组, who read everything and change nothing).
 */
export type MemberRole = 'liaison' | 'deputy' | 'head' | 'office' | 'leader';

/** Chinese labels accepted in `/绑定 @成员 单位 [角色]` and shown in cards. */
export const ROLE_LABEL: Record<MemberRole, string> = {
  liaison: '联络员',
  deputy: '分管领导',
  head: '主要领导',
  office: '督办员',
  leader: '领导',
};

/** Roles bound to no unit of the plan: `/绑定 @成员 督办员` or `/绑定 @成员 领导` need no unit name. */
export const UNITLESS_ROLES: readonly MemberRole[] = ['office', 'leader'];

/** A chat member bound to a unit (or to the office). */
export interface Member {
  openId: string;
  name: string;
  /** Canonical unit name; the office's members have `县优化营商环境办`, leaders `领导小组`. */
  unit: string;
  role: MemberRole;
  boundBy: string;
  boundByName?: string;
  boundAt: Date;
}

/** Who is speaking, as the bot sees it. */
export interface Caller {
  openId: string;
  name?: string;
  isOffice: boolean;
  /** The caller's unit, when bound. */
  unit?: string;
  role?: MemberRole;
}

export const OFFICE_UNIT = '县优化营商环境办';

/** What a member bound as 领导 is shown as belonging to. */
export const LEADERSHIP_UNIT = '领导小组';
