import type { FireTime } from '../domain/schedule/fire-times.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';

/** One line about an automatic post: what it is and whom or what it concerns. */
export function describeFireTime(fire: FireTime): string {
  switch (fire.kind) {
    case 'reminder':
      return `${periodLabel(fire.period as string)}进展报送提醒（未报单位）`;
    case 'roll_call':
      return `${periodLabel(fire.period as string)}点名通报（未按时报送单位、缓慢事项黄牌）`;
    case 'bulletin':
      return `${periodLabel(fire.period as string)}一月一通报`;
    case 'deadline_reminder':
      return `事项 ${fire.taskCode} 到期提醒（时限 ${fire.deadline}，提前 ${fire.daysBefore} 天）`;
    case 'overdue_check':
      return '逾期检查（新逾期事项发黄牌）';
    case 'year_end':
      return `${fire.day.slice(0, 4)}年度综合考核草稿与再评价提醒`;
  }
}
