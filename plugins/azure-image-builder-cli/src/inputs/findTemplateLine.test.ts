import { findTemplateLine } from './findTemplateLine';

describe('findTemplateLine', () => {
  const text = [
    '{',
    '  "value": [',
    '    { "name": "a", "id": "/x/a" },',
    '    {',
    '      "id" : "/x/b",',
    '      "name":"b (1)"',
    '    }',
    '  ]',
    '}',
  ].join('\n');

  it('finds the line of the id, whatever the spacing', () => {
    expect(findTemplateLine(text, { id: '/x/a' }, { byName: false })).toBe(3);
    expect(findTemplateLine(text, { id: '/x/b' }, { byName: false })).toBe(5);
  });

  it('finds the name of a template whose id was made up, quoting regex characters', () => {
    expect(
      findTemplateLine(text, { id: '/s/x', name: 'b (1)' }, { byName: true }),
    ).toBe(6);
  });

  it('answers 1 when it is not there', () => {
    expect(findTemplateLine(text, { id: '/x/c' }, { byName: false })).toBe(1);
    expect(findTemplateLine(text, { id: '/x/c' }, { byName: true })).toBe(1);
  });
});
