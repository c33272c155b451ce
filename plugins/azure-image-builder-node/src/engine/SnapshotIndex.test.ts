import {
  makeLock,
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  makeTrigger,
  RG_ID,
  SUB,
  SUB_ID,
  templateId,
} from './__testUtils__/snapshots';
import { SnapshotIndex } from './SnapshotIndex';

const SUB2 = '00000000-0000-0000-0000-000000000002';

describe('SnapshotIndex', () => {
  const a = makeTemplate('a');
  const b = makeTemplate('b');
  const other = {
    ...makeTemplate('c'),
    id: templateId('c', 'rg2', SUB2),
  };
  const triggerA1 = makeTrigger(a.id, 't1');
  const triggerA2 = makeTrigger(a.id.toUpperCase(), 't2');
  const templateLock = makeLock(a.id, 'CanNotDelete', 'tl');
  const rgLock = makeLock(RG_ID, 'ReadOnly', 'rgl');
  const subLock = makeLock(SUB_ID.toUpperCase(), 'CanNotDelete', 'sl');

  const snapshot = makeSnapshot([
    makeSubscription({
      imageTemplates: [a, b],
      triggers: [triggerA1, triggerA2, { id: 'nonsense' } as any],
      locks: [templateLock, rgLock, subLock, { id: 42 } as any],
    }),
    makeSubscription({
      subscriptionId: SUB2,
      imageTemplates: [other],
      triggers: null,
      locks: null,
      errors: [
        { collection: 'locks', code: 'AuthorizationFailed', message: 'no' },
        { collection: 'locks', code: 'Later' },
      ],
    }),
    makeSubscription({
      subscriptionId: 'down',
      imageTemplates: null,
      errors: [{ collection: 'subscription', code: 'SubscriptionNotFound' }],
    }),
  ]);
  const index = SnapshotIndex.build(snapshot);

  it('lists every template with its subscription, in order', () => {
    expect(index.templates.map(t => t.template.name)).toEqual(['a', 'b', 'c']);
    expect(index.templates[2].subscription.subscriptionId).toBe(SUB2);
  });

  it('finds templates and subscriptions by id, whatever the casing', () => {
    expect(index.getTemplate(a.id.toUpperCase())?.template).toBe(a);
    expect(index.getTemplate(`${b.id}/`)?.template).toBe(b);
    expect(index.getTemplate(templateId('missing'))).toBeUndefined();
    expect(index.getSubscription(SUB2.toUpperCase())?.subscriptionId).toBe(
      SUB2,
    );
  });

  it('groups triggers under the template that prefixes their id', () => {
    expect(index.getTriggers(a.id)).toEqual([triggerA1, triggerA2]);
    expect(index.getTriggers(b.id)).toEqual([]);
  });

  it('answers null for triggers of a subscription that did not collect them', () => {
    expect(index.getTriggers(other.id)).toBeNull();
    expect(index.getTriggers(templateId('x', 'rg', 'not-scanned'))).toBeNull();
  });

  it('finds the locks whose scope is exactly a given id', () => {
    expect(index.getLocksAt(a.id)?.map(l => l.lock)).toEqual([templateLock]);
    expect(index.getLocksAt(RG_ID.toLowerCase())?.map(l => l.level)).toEqual([
      'ReadOnly',
    ]);
    expect(index.getLocksAt(SUB_ID)?.map(l => l.scope)).toEqual([
      SUB_ID.toUpperCase(),
    ]);
    expect(index.getLocksAt(b.id)).toEqual([]);
    expect(index.getLocksAt(other.id)).toBeNull();
    expect(index.getLocksAt('/subscriptions/not-scanned')).toBeNull();
  });

  it('finds the locks covering a resource, narrowest scope first', () => {
    expect(
      index.getLocksCovering(a.id)?.map(l => [l.scopeKind, l.lock.name]),
    ).toEqual([
      ['resource', 'tl'],
      ['resourceGroup', 'rgl'],
      ['subscription', 'sl'],
    ]);
    expect(
      index.getLocksCovering(b.id)?.map(l => [l.scopeKind, l.lock.name]),
    ).toEqual([
      ['resourceGroup', 'rgl'],
      ['subscription', 'sl'],
    ]);
    expect(index.getLocksCovering(other.id)).toBeNull();
  });

  it('does not count a lock twice when the resource is itself a scope', () => {
    expect(
      index.getLocksCovering(RG_ID)?.map(l => [l.scopeKind, l.lock.name]),
    ).toEqual([
      ['resource', 'rgl'],
      ['subscription', 'sl'],
    ]);
  });

  it('hands out one frozen covering lock per lock and scope kind, shared by the resources it covers', () => {
    const ofA = index.getLocksCovering(a.id)!;
    const ofB = index.getLocksCovering(b.id)!;
    expect(ofB[0]).toBe(ofA[1]);
    expect(Object.isFrozen(ofA[1])).toBe(true);
    // The lists themselves are the caller's.
    expect(index.getLocksCovering(a.id)).not.toBe(ofA);
    // An id in another casing than the snapshot's finds the same locks.
    expect(
      index.getLocksCovering(a.id.toUpperCase())?.map(l => l.lock.name),
    ).toEqual(['tl', 'rgl', 'sl']);
  });

  it('returns the errors entry of a collection, the first one winning', () => {
    const sub2 = snapshot.subscriptions[1];
    expect(index.getCollectionError(sub2, 'locks')).toMatchObject({
      code: 'AuthorizationFailed',
    });
    expect(index.getCollectionError(SUB2, 'locks')?.code).toBe(
      'AuthorizationFailed',
    );
    expect(index.getCollectionError(sub2, 'triggers')).toBeUndefined();
    expect(index.getCollectionError(SUB, 'locks')).toBeUndefined();
    expect(index.getCollectionError('nowhere', 'locks')).toBeUndefined();
  });

  it('falls back to the error of the whole subscription', () => {
    expect(index.getCollectionError('down', 'locks')?.code).toBe(
      'SubscriptionNotFound',
    );
  });

  it('reads the errors of a subscription object it did not index', () => {
    const loose = makeSubscription({
      errors: [{ collection: 'triggers', code: 'Throttled' }],
    });
    expect(index.getCollectionError(loose, 'triggers')?.code).toBe('Throttled');
  });

  it('reports the parts of the scan that failed', () => {
    expect(index.hasScanFailures).toBe(true);
    expect(index.scanFailures).toEqual([
      {
        subscriptionId: SUB2,
        collection: 'locks',
        code: 'AuthorizationFailed',
        message: 'no',
      },
      { subscriptionId: SUB2, collection: 'locks', code: 'Later' },
      {
        subscriptionId: 'down',
        collection: 'subscription',
        code: 'SubscriptionNotFound',
      },
    ]);
  });

  it('counts a template list that is null without an error as a failure', () => {
    const idx = SnapshotIndex.build(
      makeSnapshot([makeSubscription({ imageTemplates: null })]),
    );
    expect(idx.scanFailures).toEqual([
      {
        subscriptionId: SUB,
        collection: 'imageTemplates',
        code: 'NotCollected',
      },
    ]);
  });

  it('has no failures for a complete scan', () => {
    const idx = SnapshotIndex.build(
      makeSnapshot([makeSubscription({ imageTemplates: [a] })]),
    );
    expect(idx.hasScanFailures).toBe(false);
  });

  it('tells templates listed again under an earlier id', () => {
    const again = { ...a, id: a.id.toUpperCase() };
    const idx = SnapshotIndex.build(
      makeSnapshot([makeSubscription({ imageTemplates: [a, b, again] })]),
    );
    expect([...idx.repeatedTemplates].map(t => t.template.id)).toEqual([
      again.id,
    ]);
    expect(index.repeatedTemplates.size).toBe(0);
  });

  it('skips templates without an id and tolerates missing errors', () => {
    const idx = SnapshotIndex.build(
      makeSnapshot([
        {
          ...makeSubscription({ imageTemplates: [{} as any, a] }),
          errors: undefined as any,
        },
      ]),
    );
    expect(idx.templates.map(t => t.template)).toEqual([a]);
  });

  it('indexes 10,000 templates with triggers and locks', () => {
    const n = 10_000;
    const templates = Array.from({ length: n }, (_, i) =>
      makeTemplate(`t${i}`),
    );
    const big = makeSnapshot([
      makeSubscription({
        imageTemplates: templates,
        triggers: templates.map(t => makeTrigger(t.id)),
        locks: templates.map(t => makeLock(t.id, 'CanNotDelete')),
      }),
    ]);
    const idx = SnapshotIndex.build(big);
    for (const t of templates) {
      expect(idx.getTriggers(t.id)).toHaveLength(1);
      expect(idx.getLocksCovering(t.id)).toHaveLength(1);
    }
  });
});
