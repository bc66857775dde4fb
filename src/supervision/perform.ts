import type { FireTime } from '../domain/schedule/fire-times.js';
import { postBulletin } from './bulletin.post.js';
import { postDeadlineReminders } from './deadline-reminder.post.js';
import { runOverdueCheck } from './overdue-check.post.js';
import { postReminder } from './reminder.post.js';
import { postRollCall } from './roll-call.post.js';
import type { SupervisionDeps } from './supervision-deps.js';
import { postYearEnd } from './year-end.post.js';

/** Performs one automatic post (idempotent: a second call for the same fire time sends nothing). */
export async function performFireTime(deps: SupervisionDeps, fire: FireTime): Promise<void> {
  switch (fire.kind) {
    case 'reminder':
      await postReminder(deps, fire.period as string, fire.day);
      return;
    case 'roll_call':
      await postRollCall(deps, fire.period as string);
      return;
    case 'bulletin':
      await postBulletin(deps, fire.period as string);
      return;
    case 'deadline_reminder':
      // One post for all of the day's deadline reminders (the first job of the day sends it).
      await postDeadlineReminders(deps, fire.day);
      return;
    case 'overdue_check':
      await runOverdueCheck(deps, fire.day);
      return;
    case 'year_end':
      await postYearEnd(deps, Number(fire.day.slice(0, 4)));
      return;
  }
}
