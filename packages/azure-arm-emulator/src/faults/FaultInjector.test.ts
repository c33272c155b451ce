import { FaultInjector } from './FaultInjector';
import { parseFaultSpec } from './parseFaultSpec';

const arm = (
  overrides: Partial<Parameters<FaultInjector['decide']>[0]> = {},
) => ({
  collection: 'imageTemplates',
  subscriptionId: 'SUB-1',
  path: '/subscriptions/SUB-1/providers/Microsoft.VirtualMachineImages/imageTemplates',
  route: 'imageTemplates.list',
  ...overrides,
});

const fired = (injector: FaultInjector, n: number, target = arm()) =>
  Array.from({ length: n }, () => injector.decide(target).fault?.kind ?? '-');

describe('FaultInjector', () => {
  it('every, after and times count the requests each rule selects', () => {
    expect(
      fired(new FaultInjector(parseFaultSpec('error:every=2')), 6),
    ).toEqual(['-', 'error', '-', 'error', '-', 'error']);
    expect(
      fired(new FaultInjector(parseFaultSpec('error:after=3')), 5),
    ).toEqual(['-', '-', '-', 'error', 'error']);
    expect(
      fired(new FaultInjector(parseFaultSpec('error:times=2')), 4),
    ).toEqual(['error', 'error', '-', '-']);
    expect(
      fired(
        new FaultInjector(parseFaultSpec('error:after=1,every=2,times=2')),
        8,
      ),
    ).toEqual(['-', '-', 'error', '-', 'error', '-', '-', '-']);
  });

  it('selects by collection, subscription (any case), path substring and route', () => {
    const injector = new FaultInjector(
      parseFaultSpec(
        'forbid:collection=locks,subscription=sub-1;error:path=/TRIGGERS;reset:route=imageTemplates.get',
      ),
    );
    expect(injector.decide(arm({ collection: 'locks' })).fault?.kind).toBe(
      'forbid',
    );
    expect(
      injector.decide(arm({ collection: 'locks', subscriptionId: 'SUB-2' }))
        .fault,
    ).toBeUndefined();
    expect(
      injector.decide(arm({ path: '/x/imageTemplates/t/triggers' })).fault
        ?.kind,
    ).toBe('error');
    expect(
      injector.decide(arm({ route: 'imageTemplates.get' })).fault?.kind,
    ).toBe('reset');
    expect(injector.decide(arm()).fault).toBeUndefined();
  });

  it('applies rules without a collection to ARM only, not to the token endpoint', () => {
    const injector = new FaultInjector(
      parseFaultSpec('error;forbid:collection=token'),
    );
    expect(
      injector.decide(arm({ collection: 'token', route: 'token' })).fault?.kind,
    ).toBe('forbid');
    expect(injector.decide(arm()).fault?.kind).toBe('error');
  });

  it('adds up latency and stops at the first fault; later rules do not see that request', () => {
    const injector = new FaultInjector(
      parseFaultSpec(
        'latency:ms=10;latency:ms=5;throttle:times=1;error;latency:ms=1000',
      ),
    );
    expect(injector.decide(arm())).toEqual({
      latencyMs: 15,
      fault: expect.objectContaining({ kind: 'throttle' }),
    });
    expect(injector.decide(arm())).toEqual({
      latencyMs: 15,
      fault: expect.objectContaining({ kind: 'error' }),
    });
    expect(injector.counts()).toEqual([
      { rule: 'latency:ms=10', seen: 2, fired: 2 },
      { rule: 'latency:ms=5', seen: 2, fired: 2 },
      { rule: 'throttle:times=1', seen: 2, fired: 1 },
      { rule: 'error', seen: 1, fired: 1 },
      { rule: 'latency:ms=1000', seen: 0, fired: 0 },
    ]);
  });
});
