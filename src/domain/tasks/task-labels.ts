import type { TaskState } from './task.js';

/** Chinese names of the task states, as the group reads them. */
export const STATE_LABEL: Record<TaskState, string> = {
  open: '未开始',
  in_progress: '整改中',
  pending_signoff: '待销号',
  closed: '已销号',
  sustained: '长期坚持中',
  withdrawn: '已撤销',
};
