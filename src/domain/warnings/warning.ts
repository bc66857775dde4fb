/** Why a yellow card (黄牌警告) was issued. */
export type WarningKind = 'overdue' | 'missed_report' | 'slow' | 'manual';

/** One reason of an automatic card; a unit's monthly card lists all of them. */
export type WarningReason =
  | { kind: 'missed_report'; tasks: string[] }
  | { kind: 'slow'; code: string; actual: number; expected: number }
  | { kind: 'overdue'; code: string; deadline: string };

/** A yellow card against a unit; revocable with a reason, never deleted. */
export interface Warning {
  /** Short id people type to revoke it, e.g. `Y7K3Q`. */
  id: string;
  planId: string;
  unit: string;
  kind: WarningKind;
  /** The month it belongs to, `YYYY-MM`. */
  period: string;
  taskCode?: string;
  reason: string;
  /** The automatic card's reasons, one by one (the `reason` text joins them). */
  reasons?: WarningReason[];
  /** Proposed by the roll call (WARNINGS_MODE=propose): counts nowhere until the office confirms it. */
  proposed?: boolean;
  confirmedAt?: Date;
  /** The office admin's open_id who confirmed the proposed card. */
  confirmedBy?: string;
  /** Unique: a unit's monthly card `monthly:period:unit`, an overdue check's `overdue:day:unit`, manual ones by their id. */
  key: string;
  issuedAt: Date;
  /** `system` or an office admin's open_id. */
  issuedBy: string;
  revokedAt?: Date;
  revokedBy?: string;
  revokedByName?: string;
  revokeReason?: string;
}

/** Chinese label of each kind, for cards and bulletins. */
export const WARNING_KIND_LABEL: Record<WarningKind, string> = {
  overdue: '逾期未完成',
  missed_report: '未按时报送进展',
  slow: '整改进展缓慢',
  manual: '督办员警告',
};

/** Whether a card counts (assessment, bulletin, /黄牌, /单位): confirmed or issued, and not revoked. */
/** A revocation: who revoked a card, when, and why. */
export interface Revocation {
  by: string;
  byName?: string;
  reason: string;
  at: Date;
}

/** The fields a revocation sets on its card. */
export function revocationFields(
  revocation: Revocation,
): Pick<Warning, 'revokedAt' | 'revokedBy' | 'revokedByName' | 'revokeReason'> {
  return {
    revokedAt: revocation.at,
    revokedBy: revocation.by,
    ...(revocation.byName ? { revokedByName: revocation.byName } : {}),
    revokeReason: revocation.reason,
  };
}

export function isLiveWarning(w: Pick<Warning, 'proposed' | 'revokedAt'>): boolean {
  return !w.proposed && !w.revokedAt;
}

/** The tasks a card concerns: its task, and every task its reasons name. */
export function warningTaskCodes(w: Pick<Warning, 'taskCode' | 'reasons'>): string[] {
  const named = (w.reasons ?? []).flatMap((r) => (r.kind === 'missed_report' ? r.tasks : [r.code]));
  return [...new Set([...(w.taskCode ? [w.taskCode] : []), ...named])];
}
