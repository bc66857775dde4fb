/** The people of the tests, unit and integration alike: one office admin, unit members, and a stranger. */
export const PEOPLE = {
  office: { openId: 'ou_office_admin', name: '高志平' },
  tax: { openId: 'ou_tax_liaison', name: '王税务' },
  court: { openId: 'ou_court_liaison', name: '李法院' },
  approval: { openId: 'ou_approval_liaison', name: '赵审批' },
  stranger: { openId: 'ou_stranger', name: '路人甲' },
} as const;
