import {
  DEFAULT_PAGE_SIZE,
  hasFilters,
  parseTemplateQuery,
  toSearchParams,
} from './query';

const parse = (search: string, defaultLimit?: number) =>
  parseTemplateQuery(new URLSearchParams(search), defaultLimit);

describe('parseTemplateQuery', () => {
  it('reads the first page with the default page size from an empty URL', () => {
    expect(parse('')).toEqual({ offset: 0, limit: DEFAULT_PAGE_SIZE });
    expect(parse('', 100)).toEqual({ offset: 0, limit: 100 });
  });

  it('reads repeated owners and subscriptions, every filter, sorting and paging', () => {
    expect(
      parse(
        'owner=group:default/a&owner=group:default/b&subscription=s1&rule=template-lock&status=fail&q=ubuntu&sort=score&order=desc&offset=50&limit=50',
      ),
    ).toEqual({
      owner: ['group:default/a', 'group:default/b'],
      subscription: ['s1'],
      rule: 'template-lock',
      status: 'fail',
      q: 'ubuntu',
      sort: 'score',
      order: 'desc',
      offset: 50,
      limit: 50,
    });
  });

  it('drops values the API would reject', () => {
    expect(
      parse(
        'owner=&owner=%20&status=broken&sort=color&order=desc&offset=-5&limit=9999&q=%20',
      ),
    ).toEqual({ offset: 0, limit: DEFAULT_PAGE_SIZE });
    expect(parse('limit=0')).toMatchObject({ limit: DEFAULT_PAGE_SIZE });
    expect(parse('limit=2.5')).toMatchObject({ limit: DEFAULT_PAGE_SIZE });
  });

  it('sorts ascending unless the order says desc, and de-duplicates owners', () => {
    expect(parse('sort=name&order=sideways')).toMatchObject({
      sort: 'name',
      order: 'asc',
    });
    expect(parse('owner=a&owner=a').owner).toEqual(['a']);
  });

  it('snaps the offset to the start of a page', () => {
    expect(parse('offset=60&limit=25').offset).toBe(50);
  });
});

describe('toSearchParams', () => {
  it('round-trips a query and leaves defaults out', () => {
    const query = parse(
      'owner=group:default/a&owner=user:default/b&status=warn&sort=fail&order=desc&offset=25',
    );
    const params = toSearchParams(query);
    expect(params.toString()).toBe(
      'owner=group%3Adefault%2Fa&owner=user%3Adefault%2Fb&status=warn&sort=fail&order=desc&offset=25',
    );
    expect(parseTemplateQuery(params)).toEqual(query);
    expect(
      toSearchParams({ offset: 0, limit: DEFAULT_PAGE_SIZE }).toString(),
    ).toBe('');
    expect(toSearchParams({ limit: 100 }, 100).toString()).toBe('');
    expect(toSearchParams({ limit: 50 }, 100).toString()).toBe('limit=50');
  });
});

describe('hasFilters', () => {
  it('ignores sorting and paging', () => {
    expect(hasFilters({ sort: 'name', offset: 25, limit: 25 })).toBe(false);
    expect(hasFilters({ owner: [] })).toBe(false);
    expect(hasFilters({ q: 'x' })).toBe(true);
    expect(hasFilters({ owner: ['group:default/a'] })).toBe(true);
  });
});
