import { parseFaultSpec } from './parseFaultSpec';

describe('parseFaultSpec', () => {
  it('parses the README example', () => {
    const rules = parseFaultSpec(
      'throttle:every=5,retryAfter=1;error500:path=/locks,times=2;forbid:collection=locks,subscription=AAA;latency:ms=100',
    );
    expect(rules).toEqual([
      {
        kind: 'throttle',
        text: 'throttle:every=5,retryAfter=1',
        after: 0,
        every: 5,
        retryAfter: 1,
      },
      {
        kind: 'error',
        text: 'error500:path=/locks,times=2',
        after: 0,
        every: 1,
        status: 500,
        path: '/locks',
        times: 2,
      },
      {
        kind: 'forbid',
        text: 'forbid:collection=locks,subscription=AAA',
        after: 0,
        every: 1,
        collections: ['locks'],
        subscriptions: ['aaa'],
      },
      { kind: 'latency', text: 'latency:ms=100', after: 0, every: 1, ms: 100 },
    ]);
  });

  it('fills defaults: throttle retryAfter 1, error status 500', () => {
    expect(parseFaultSpec('throttle')[0].retryAfter).toBe(1);
    expect(parseFaultSpec('error')[0].status).toBe(500);
    expect(parseFaultSpec('error:status=503,code=Busy')[0]).toMatchObject({
      status: 503,
      code: 'Busy',
    });
  });

  it('accepts aliases and alternatives with |', () => {
    expect(
      parseFaultSpec(
        'forbid:collection=templates|identities|token|ROLEASSIGNMENTS',
      )[0].collections,
    ).toEqual([
      'imageTemplates',
      'userAssignedIdentities',
      'token',
      'roleAssignments',
    ]);
    expect(
      parseFaultSpec('reset:route=imageTemplates.get|triggers.list')[0].routes,
    ).toEqual(['imagetemplates.get', 'triggers.list']);
  });

  it('ignores empty rules and whitespace', () => {
    expect(parseFaultSpec(' ; latency: ms = 5 ;')).toHaveLength(1);
    expect(parseFaultSpec('')).toEqual([]);
  });

  it.each([
    ['explode', /unknown kind "explode"/],
    ['throttle:often=2', /unknown parameter "often" for throttle/],
    ['latency:ms=2,status=500', /unknown parameter "status" for latency/],
    ['latency', /latency needs ms=/],
    ['throttle:every=0', /every must be an integer from 1/],
    ['error:status=200', /status must be an integer from 400 to 599/],
    ['error700', /status must be an integer from 400 to 599/],
    ['forbid:collection=widgets', /unknown collection "widgets"/],
    ['forbid:collection=', /collection needs a value/],
  ])('rejects %s with an error naming it', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});
