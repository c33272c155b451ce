import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { planRefresh } from './planRefresh';

const providerName = 'azure-image-builder-provider:test';

function entities(...names: string[]): DeferredEntity[] {
  return names.map(name => ({
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name },
      spec: { type: 'azure-image-template', owner: 'group:default/a' },
    },
    locationKey: providerName,
  }));
}

const plan = (
  results: Parameters<typeof planRefresh>[0]['results'],
  previous?: Map<string, DeferredEntity[]>,
  maxDropRatio = 0.5,
) => planRefresh({ results, previous, maxDropRatio, providerName });

describe('planRefresh', () => {
  it('applies every subscription on a fresh start', () => {
    const result = plan([
      { subscriptionId: 'a', entities: entities('a1') },
      { subscriptionId: 'b', entities: entities('b1', 'b2') },
    ]);
    expect(result.type).toBe('apply');
    if (result.type !== 'apply') return;
    expect(result.entities.map(e => e.entity.metadata.name)).toEqual([
      'a1',
      'b1',
      'b2',
    ]);
    expect([...result.bySubscription.keys()]).toEqual(['a', 'b']);
    expect(result.keptFromLastRun).toEqual([]);
  });

  it('keeps the last entities of a failed subscription', () => {
    const previousA = entities('a1', 'a2');
    const result = plan(
      [
        { subscriptionId: 'a', error: 'AuthorizationFailed' },
        { subscriptionId: 'b', entities: entities('b9') },
      ],
      new Map([
        ['a', previousA],
        ['b', entities('b1')],
      ]),
    );
    expect(result.type).toBe('apply');
    if (result.type !== 'apply') return;
    expect(result.entities.map(e => e.entity.metadata.name)).toEqual([
      'a1',
      'a2',
      'b9',
    ]);
    expect(result.bySubscription.get('a')).toBe(previousA);
    expect(result.keptFromLastRun).toEqual([{ subscriptionId: 'a', count: 2 }]);
  });

  it('keeps nothing for a failed subscription the last run did not have', () => {
    const result = plan(
      [
        { subscriptionId: 'new', error: 'AuthorizationFailed' },
        { subscriptionId: 'b', entities: entities('b1') },
      ],
      new Map([['b', entities('b1')]]),
    );
    expect(result).toMatchObject({
      type: 'apply',
      keptFromLastRun: [{ subscriptionId: 'new', count: 0 }],
    });
  });

  it('skips when a subscription failed and nothing was applied yet', () => {
    const result = plan([
      { subscriptionId: 'a', error: 'AuthorizationFailed: denied' },
      { subscriptionId: 'b', entities: entities('b1') },
    ]);
    expect(result).toEqual({
      type: 'skip',
      reason: expect.stringContaining(
        'subscription a (AuthorizationFailed: denied) could not be listed',
      ),
    });
  });

  it.each<[number, number, number, 'apply' | 'skip']>([
    [4, 2, 0.5, 'apply'],
    [4, 1, 0.5, 'skip'],
    [10, 4, 0.5, 'skip'],
    [10, 4, 0.6, 'apply'],
    [10, 9, 0, 'skip'],
    [10, 10, 0, 'apply'],
    [10, 1, 1, 'apply'],
    [1, 2, 0.5, 'apply'],
  ])(
    'from %p to %p entities with maxDropRatio %p: %s',
    (before, after, ratio, expected) => {
      const name = (i: number) => `t${i}`;
      const result = plan(
        [
          {
            subscriptionId: 'a',
            entities: entities(
              ...Array.from({ length: after }, (_, i) => name(i)),
            ),
          },
        ],
        new Map([
          ['a', entities(...Array.from({ length: before }, (_, i) => name(i)))],
        ]),
        ratio,
      );
      expect(result.type).toBe(expected);
    },
  );

  it('counts kept entities when checking the drop', () => {
    // a failed and keeps its 3; b drops from 1 to 0: 3 of 4 remain.
    const result = plan(
      [
        { subscriptionId: 'a', error: 'x' },
        { subscriptionId: 'b', entities: [] },
      ],
      new Map([
        ['a', entities('a1', 'a2', 'a3')],
        ['b', entities('b1')],
      ]),
    );
    expect(result.type).toBe('apply');
  });

  it('never applies zero entities', () => {
    expect(plan([{ subscriptionId: 'a', entities: [] }])).toEqual({
      type: 'skip',
      reason: expect.stringContaining('no change is applied'),
    });
    expect(plan([])).toMatchObject({ type: 'skip' });
    expect(
      plan(
        [{ subscriptionId: 'a', entities: [] }],
        new Map([['a', entities('a1')]]),
        1,
      ),
    ).toEqual({
      type: 'skip',
      reason: expect.stringContaining('(the last run applied 1)'),
    });
  });
});
