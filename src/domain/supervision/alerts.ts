/** A deadline coming up for one task (7 and 1 days ahead by default). */
export interface DeadlineReminder {
  code: string;
  problem: string;
  deadline: string;
  daysLeft: number;
  unit: string;
  memberOpenIds: string[];
}

/** Tasks that went past their deadline today, each with the yellow card it earned. */
export interface OverdueAlert {
  day: string;
  items: {
    code: string;
    problem: string;
    deadline: string;
    unit: string;
    warningId: string;
    memberOpenIds: string[];
  }[];
}

/** The year-end post: the assessment draft and the reminder of the re-evaluation (再评价). */
export interface YearEndNotice {
  year: number;
  planTitle: string;
}
