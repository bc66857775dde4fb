export { describeRule, renderAssessmentCard } from './assessment.card.js';
export { renderBulletinCard } from './bulletin.card.js';
export { renderDeadlineReminderCard, renderDeadlineRemindersCard } from './deadline-reminder.card.js';
export { renderOverdueAlertCard } from './overdue-alert.card.js';
export { renderReminderCard } from './reminder.card.js';
export { renderRollCallCard } from './roll-call.card.js';
export { renderScheduleCard, type ScheduleItem } from './schedule.card.js';
export { renderYearEndCard } from './year-end.card.js';
