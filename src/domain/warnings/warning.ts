/** Why a yellow card (黄牌警告) was issued. */
export type WarningKind = 'overdue' | 'missed_report' | 'slow' | 'manual';

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
  /** Unique: automatic cards are keyed `kind:period:unit:task`, manual ones by their id. */
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
