import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { lastRunSucceededRule } from './lastRunSucceeded';

const STATE = 'properties.lastRunStatus.runState';

function withLastRun(lastRunStatus: unknown) {
  return makeTemplate(
    't',
    lastRunStatus === undefined ? {} : { lastRunStatus },
  );
}

describe('last-run-succeeded', () => {
  it('has the metadata of RULES.md #17', () => {
    expect(lastRunSucceededRule.metadata).toMatchObject({
      id: 'last-run-succeeded',
      number: 17,
      severity: 'medium',
    });
  });

  it.each(
    [
      ['Succeeded', { runState: 'Succeeded' }, 'pass', 'Succeeded'],
      [
        'succeeded in lower case',
        { runState: 'succeeded' },
        'pass',
        'succeeded',
      ],
      ['Failed', { runState: 'Failed', message: 'boom' }, 'fail', 'Failed'],
      ['Failed without a message', { runState: 'Failed' }, 'fail', 'Failed'],
      [
        'PartiallySucceeded',
        { runState: 'PartiallySucceeded' },
        'warn',
        'PartiallySucceeded',
      ],
      ['Canceled', { runState: 'Canceled' }, 'warn', 'Canceled'],
      [
        'Running',
        { runState: 'Running', runSubState: 'Customizing' },
        'not-applicable',
        'Running',
      ],
      ['Canceling', { runState: 'Canceling' }, 'not-applicable', 'Canceling'],
      ['no lastRunStatus', undefined, 'not-applicable', null],
      ['lastRunStatus without runState', {}, 'not-applicable', null],
      ['a null runState', { runState: null }, 'not-applicable', null],
      [
        'a state this rule does not know',
        { runState: 'Exploded' },
        'unknown',
        'Exploded',
      ],
      ['a runState that is not a string', { runState: 3 }, 'unknown', 3],
      [
        'an unresolved expression',
        { runState: "[parameters('state')]" },
        'unknown',
        "[parameters('state')]",
      ],
    ].map(([name, lastRun, status, seen]) => ({ name, lastRun, status, seen })),
  )('$name -> $status', ({ lastRun, status, seen }: any) => {
    const outcome = evaluateRule(lastRunSucceededRule, withLastRun(lastRun));
    expect(outcome.status).toBe(status);
    expect(outcome.evidence[0]).toMatchObject({
      path: STATE,
      observed: seen,
      expected: 'Succeeded',
    });
  });

  it('fails with the message of the run, on one line', () => {
    const outcome = evaluateRule(
      lastRunSucceededRule,
      withLastRun({
        runState: 'Failed',
        runSubState: 'Customizing',
        endTime: '2026-11-19T08:12:00Z',
        message:
          'Build failed:\n  customizer step 2 exited with code 1\n  see the customization log',
      }),
    );
    expect(outcome).toEqual({
      status: 'fail',
      message:
        'The last build failed: Build failed: customizer step 2 exited with code 1 see the customization log',
      evidence: [
        {
          path: STATE,
          observed: 'Failed',
          expected: 'Succeeded',
          note: 'sub-state Customizing, ended 2026-11-19T08:12:00Z',
        },
        {
          path: 'properties.lastRunStatus.message',
          observed:
            'Build failed: customizer step 2 exited with code 1 see the customization log',
        },
      ],
    });
  });

  it('says how a build ended short of success', () => {
    expect(
      evaluateRule(
        lastRunSucceededRule,
        withLastRun({
          runState: 'PartiallySucceeded',
          message: 'Distribution to eastus failed',
        }),
      ).message,
    ).toBe(
      'The last build partially succeeded (some distributions failed): Distribution to eastus failed',
    );
    expect(
      evaluateRule(lastRunSucceededRule, withLastRun({ runState: 'Canceled' }))
        .message,
    ).toBe('The last build was canceled');
    expect(
      evaluateRule(lastRunSucceededRule, withLastRun({ runState: 'Running' }))
        .message,
    ).toBe('A build is running: the template has no finished run yet');
    expect(
      evaluateRule(lastRunSucceededRule, withLastRun(undefined)).message,
    ).toBe('The template has no finished run (no lastRunStatus.runState)');
  });

  it('cuts a long message short', () => {
    const outcome = evaluateRule(
      lastRunSucceededRule,
      withLastRun({ runState: 'Failed', message: 'x'.repeat(5000) }),
    );
    expect(outcome.message.length).toBeLessThan(400);
    expect(outcome.message.endsWith('…')).toBe(true);
  });

  it('never shows a secret of the run message, even where it is cut', () => {
    const secret = 'RUNSIGNATURE0123456789abcdef';
    const message = `${'y'.repeat(
      260,
    )} download of https://a.blob.core.windows.net/c/s.sh?sv=1&sig=${secret} failed`;
    const outcome = evaluateRule(
      lastRunSucceededRule,
      withLastRun({ runState: 'Failed', message }),
    );
    expect(outcome.status).toBe('fail');
    expect(JSON.stringify(outcome)).not.toContain('RUNSIG');
  });
});
