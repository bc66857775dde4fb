import { describe, expect, it } from 'vitest';
import { button, card, escapeMd, markdown, mention, signoffForm, table } from '../../../src/render/card.js';
import { headline, shorten } from '../../../src/render/markdown.js';
import { cardProblems } from './card-checks.js';

describe('card builders', () => {
  it('builds a 2.0 skeleton with update_multi and a plain-text header', () => {
    const built = card({
      title: '逾期事项',
      subtitle: '截至 2023-06-15',
      template: 'red',
      elements: [markdown('x')],
    });
    expect(built).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill' },
      header: {
        title: { tag: 'plain_text', content: '逾期事项' },
        subtitle: { tag: 'plain_text', content: '截至 2023-06-15' },
        template: 'red',
      },
      body: { elements: [{ tag: 'markdown', content: 'x' }] },
    });
    expect(cardProblems(built)).toEqual([]);
  });

  it('leaves the subtitle out when there is none and flattens a long title', () => {
    const built = card({ title: `标题\n${'长'.repeat(100)}`, template: 'blue', elements: [] });
    expect(built.header).not.toHaveProperty('subtitle');
    expect(built.header.title.content).not.toContain('\n');
    expect([...built.header.title.content].length).toBeLessThanOrEqual(60);
  });

  it('clamps a table page size into 1–10', () => {
    const columns = [{ name: 'a', display_name: 'A', data_type: 'text' as const }];
    expect(table({ columns, rows: [], pageSize: 50 }).page_size).toBe(10);
    expect(table({ columns, rows: [], pageSize: 0 }).page_size).toBe(1);
  });

  it('makes a button whose callback value is the command to route', () => {
    expect(button({ text: '查看 6.1', value: { command: '/事项 6.1' } })).toEqual({
      tag: 'button',
      text: { tag: 'plain_text', content: '查看 6.1' },
      type: 'default',
      behaviors: [{ type: 'callback', value: { command: '/事项 6.1' } }],
    });
  });

  it('makes a sign-off form with a required note input and a submit carrying the command', () => {
    const form = signoffForm('6.1');
    expect(form.tag).toBe('form');
    expect(form.elements[0]).toMatchObject({ tag: 'input', name: 'note', required: true });
    expect(form.elements[1]).toMatchObject({
      tag: 'button',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: { command: '/申请销号 6.1' } }],
    });
  });
});

describe('escapeMd', () => {
  it('turns markdown specials into HTML entities', () => {
    expect(escapeMd('**x**')).toBe('&#42;&#42;x&#42;&#42;');
    expect(escapeMd('<at id=all></at>')).toBe('&#60;at id=all&#62;&#60;/at&#62;');
    expect(escapeMd('[a](b)')).toBe('&#91;a&#93;&#40;b&#41;');
    expect(escapeMd('a_b ~~c~~ `d` # e')).toBe('a&#95;b &#126;&#126;c&#126;&#126; &#96;d&#96; &#35; e');
  });

  it('escapes an existing entity so it shows as typed', () => {
    expect(escapeMd('&#60;')).toBe('&#38;&#35;60;');
  });

  it('defuses list, ordered-list and rule markers only at the start of a line', () => {
    expect(escapeMd('- a\n  + b\n1. c\n2023-05-31 完成 80.36%')).toBe(
      '&#45; a\n  &#43; b\n1&#46; c\n2023-05-31 完成 80.36%',
    );
  });

  it('keeps Chinese text and full-width punctuation unchanged', () => {
    const text =
      '涉税事项网上办理率较低。本地区涉税事项网上办理率为80.36%，相较全国前沿（95%）仍有进一步提升空间。';
    expect(escapeMd(text)).toBe(text);
  });
});

describe('mention and text helpers', () => {
  it('mentions by open_id without quotes and drops characters an id cannot have', () => {
    expect(mention('ou_3f9a2b')).toBe('<at id=ou_3f9a2b></at>');
    expect(mention('ou_x></at><at id=all')).toBe('<at id=ou_xatatidall></at>');
    expect(mention('<>')).toBe('');
  });

  it('shortens to a single line with an ellipsis', () => {
    expect(shorten('一二三\n四五六七八', 5)).toBe('一二三 …');
    expect(shorten('短', 5)).toBe('短');
  });

  it('takes the first sentence of a problem as its headline', () => {
    expect(headline('涉税事项网上办理率较低。本地区涉税事项网上办理率为80.36%。')).toBe(
      '涉税事项网上办理率较低',
    );
  });
});
