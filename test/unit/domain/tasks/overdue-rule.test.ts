import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import {
  daysOverdue,
  isOverdue,
  type OverdueFields,
  overdueFrom,
} from '../../../../src/domain/tasks/task.js';

const base: OverdueFields = { deadline: '2023-05-31', state: 'in_progress' };
const requested = (at: string) => ({
  note: '已完成',
  evidence: [],
  requestedBy: 'ou_a',
  requestedAt: atLocal(at),
});

describe('overdue is derived: not overdue while the office reviews a timely sign-off request', () => {
  it('counts an unfinished task overdue from the day after its deadline', () => {
    expect(overdueFrom(base)).toBe('2023-06-01');
    expect(isOverdue(base, '2023-05-31')).toBe(false);
    expect(isOverdue(base, '2023-06-01')).toBe(true);
    expect(daysOverdue(base, '2023-06-01')).toBe(1);
    expect(daysOverdue(base, '2023-06-10')).toBe(10);
  });

  it('does not count a task whose sign-off was requested on 05-30 as overdue at the 06-01 check', () => {
    const pending: OverdueFields = {
      ...base,
      state: 'pending_signoff',
      signoff: requested('2023-05-30 16:00'),
    };
    expect(isOverdue(pending, '2023-06-01')).toBe(false);
    expect(daysOverdue(pending, '2023-06-20')).toBe(0);
  });

  it('counts a request made on the deadline day itself as in time', () => {
    const pending: OverdueFields = {
      ...base,
      state: 'pending_signoff',
      signoff: requested('2023-05-31 23:30'),
    };
    expect(overdueFrom(pending)).toBeNull();
  });

  it('counts a request made after the deadline as no stop of the clock', () => {
    const late: OverdueFields = { ...base, state: 'pending_signoff', signoff: requested('2023-06-02 09:00') };
    expect(overdueFrom(late)).toBe('2023-06-01');
    expect(isOverdue(late, '2023-06-02')).toBe(true);
  });

  it('counts a task returned on 06-05 overdue from the return day', () => {
    const returned: OverdueFields = {
      ...base,
      state: 'in_progress',
      signoff: requested('2023-05-30 16:00'),
      returnedAt: atLocal('2023-06-05 10:00'),
    };
    expect(overdueFrom(returned)).toBe('2023-06-05');
    expect(isOverdue(returned, '2023-06-04')).toBe(false);
    expect(isOverdue(returned, '2023-06-05')).toBe(true);
    expect(daysOverdue(returned, '2023-06-06')).toBe(2);
  });

  it('counts a task returned before its deadline overdue from the day after the deadline', () => {
    const returned: OverdueFields = {
      ...base,
      signoff: requested('2023-05-20 16:00'),
      returnedAt: atLocal('2023-05-22 10:00'),
    };
    expect(overdueFrom(returned)).toBe('2023-06-01');
  });

  it('never counts finished tasks or tasks without a deadline', () => {
    expect(isOverdue({ ...base, state: 'closed' }, '2023-07-01')).toBe(false);
    expect(isOverdue({ deadline: null, state: 'in_progress' }, '2030-01-01')).toBe(false);
  });
});
