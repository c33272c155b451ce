import {
  evaluateRule,
  makeLock,
  makeTemplate,
  RG_ID,
  SUB_ID,
  templateId,
} from '../engine/__testUtils__/snapshots';
import { templateLockRule } from './templateLock';

const template = makeTemplate('tpl');
const T = template.id;

describe('template-lock', () => {
  it('has the metadata of RULES.md #1', () => {
    expect(templateLockRule.metadata).toMatchObject({
      id: 'template-lock',
      number: 1,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'CanNotDelete on the template',
        [makeLock(T, 'CanNotDelete')],
        'pass',
        /on the template/,
      ],
      [
        'CanNotDelete on the resource group',
        [makeLock(RG_ID, 'CanNotDelete')],
        'pass',
        /on its resource group/,
      ],
      [
        'CanNotDelete on the subscription',
        [makeLock(SUB_ID, 'CanNotDelete')],
        'pass',
        /on its subscription/,
      ],
      [
        'level in another casing, scope upper-cased',
        [makeLock(T.toUpperCase(), 'cannotdelete')],
        'pass',
        /on the template/,
      ],
      [
        'CanNotDelete beside ReadOnly',
        [makeLock(RG_ID, 'ReadOnly'), makeLock(SUB_ID, 'CanNotDelete')],
        'pass',
        /on its subscription/,
      ],
      [
        'only ReadOnly on the template',
        [makeLock(T, 'ReadOnly')],
        'warn',
        /Only ReadOnly.*on the template.*block builds/,
      ],
      [
        'only ReadOnly on the resource group',
        [makeLock(RG_ID, 'readonly')],
        'warn',
        /on its resource group/,
      ],
      ['no locks at all', [], 'fail', /No CanNotDelete lock/],
      [
        'a lock on another template',
        [makeLock(templateId('other'), 'CanNotDelete')],
        'fail',
        /No CanNotDelete lock/,
      ],
      [
        'a lock on another resource group',
        [makeLock(`${SUB_ID}/resourceGroups/other`, 'CanNotDelete')],
        'fail',
        /No CanNotDelete lock/,
      ],
      [
        'a lock on a child of the template',
        [makeLock(`${T}/triggers/t`, 'CanNotDelete')],
        'fail',
        /No CanNotDelete lock/,
      ],
      [
        'a lock without a level',
        [{ ...makeLock(T, 'x'), properties: {} }],
        'fail',
        /No CanNotDelete lock/,
      ],
    ].map(([name, locks, status, message]) => ({
      name,
      locks,
      status,
      message,
    })),
  )('$name -> $status', ({ locks, status, message }: any) => {
    const outcome = evaluateRule(templateLockRule, template, { locks });
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('names the lock, its scope and level in the evidence of a pass', () => {
    const outcome = evaluateRule(templateLockRule, template, {
      locks: [makeLock(RG_ID, 'CanNotDelete', 'keep')],
    });
    expect(outcome.message).toBe(
      "A CanNotDelete lock protects the template: 'keep' on its resource group",
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.level',
        observed: 'CanNotDelete',
        note: `lock 'keep' on its resource group (${RG_ID})`,
      },
    ]);
  });

  it('lists what it found at the three scopes when it fails', () => {
    const odd = { ...makeLock(T, 'x', 'odd'), properties: {} };
    const outcome = evaluateRule(templateLockRule, template, { locks: [odd] });
    expect(outcome.evidence).toEqual([
      expect.objectContaining({
        observed: [{ id: odd.id, level: null }],
        note: 'locks at these scopes have no recognised level',
      }),
    ]);
    expect(
      evaluateRule(templateLockRule, template, { locks: [] }).evidence[0],
    ).toMatchObject({
      observed: [],
      note: 'no lock at any of the three scopes',
    });
  });

  it('is unknown with the error code when locks could not be read', () => {
    const outcome = evaluateRule(templateLockRule, template, {
      locks: null,
      errors: [
        { collection: 'locks', code: 'AuthorizationFailed', message: 'denied' },
      ],
    });
    expect(outcome).toEqual({
      status: 'unknown',
      message: expect.stringMatching(
        /^Whether a lock protects the template is unknown: the locks of subscription .* could not be read \(AuthorizationFailed\)$/,
      ),
      evidence: [
        { collection: 'locks', code: 'AuthorizationFailed', note: 'denied' },
      ],
    });
  });

  it('is unknown with NotCollected when locks are absent without an error', () => {
    const outcome = evaluateRule(templateLockRule, template, { locks: null });
    expect(outcome.status).toBe('unknown');
    expect(outcome.evidence).toEqual([
      { collection: 'locks', code: 'NotCollected' },
    ]);
  });

  it('never fails when locks could not be read, even with locks listed elsewhere', () => {
    const outcome = evaluateRule(templateLockRule, template, {
      locks: null,
      errors: [{ collection: 'subscription', code: 'SubscriptionNotFound' }],
    });
    expect(outcome.status).toBe('unknown');
    expect(outcome.evidence[0].code).toBe('SubscriptionNotFound');
  });
});
