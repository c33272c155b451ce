import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  child,
  defineRule,
  isArmExpression,
  isNonEmptyString,
  isPlain,
  observed,
  ScanMemo,
} from './util';

const STATE_PATH = 'properties.lastRunStatus.runState';
const MESSAGE_PATH = 'properties.lastRunStatus.message';
/** Build errors can be pages long; a finding's message is one line. */
const MAX_MESSAGE = 300;

/** The status of each `runState` of the image template API (lower-cased), and how to say it. */
const RUN_STATES: ReadonlyMap<
  string,
  { status: RuleOutcome['status']; says: string }
> = new Map([
  ['succeeded', { status: 'pass', says: 'The last build succeeded' }],
  ['failed', { status: 'fail', says: 'The last build failed' }],
  [
    'partiallysucceeded',
    {
      status: 'warn',
      says: 'The last build partially succeeded (some distributions failed)',
    },
  ],
  ['canceled', { status: 'warn', says: 'The last build was canceled' }],
  [
    'running',
    {
      status: 'not-applicable',
      says: 'A build is running: the template has no finished run yet',
    },
  ],
  [
    'canceling',
    {
      status: 'not-applicable',
      says: 'A build is being canceled: the template has no finished run yet',
    },
  ],
]);

/** The run's message as one line, secrets redacted before it is cut short. */
function oneLine(text: string): string {
  const line = redactString(text).replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE
    ? `${line.slice(0, MAX_MESSAGE - 1)}…`
    : line;
}

const byRun = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #17: `properties.lastRunStatus.runState` is `Succeeded` (pass); `Failed` fails with the
 * run's message; `PartiallySucceeded` and `Canceled` warn; a running build or none is
 * not-applicable.
 * @public
 */
export const lastRunSucceededRule = defineRule(
  'last-run-succeeded',
  ({ template, index }) => {
    const lastRun = child(child(template, 'properties'), 'lastRunStatus');
    const state = child(lastRun, 'runState');
    const runMessage = child(lastRun, 'message');
    const subState = child(lastRun, 'runSubState');
    const endTime = child(lastRun, 'endTime');
    if (
      isPlain(state) &&
      isPlain(runMessage) &&
      isPlain(subState) &&
      isPlain(endTime)
    ) {
      // The outcome depends on these four only: shared by the templates whose runs say the same.
      const keys = [state, runMessage, subState, endTime];
      return (
        byRun.find(index, keys) ??
        byRun.keep(
          index,
          keys,
          freezeOutcome(judge(state, runMessage, subState, endTime)),
        )
      );
    }
    return judge(state, runMessage, subState, endTime);
  },
);

function judge(
  state: unknown,
  runMessage: unknown,
  subState: unknown,
  endTime: unknown,
): RuleOutcome {
  const evidence: Evidence[] = [
    { path: STATE_PATH, observed: observed(state), expected: 'Succeeded' },
  ];
  const details = [
    isNonEmptyString(subState) ? `sub-state ${subState}` : undefined,
    isNonEmptyString(endTime) ? `ended ${endTime}` : undefined,
  ].filter(Boolean);
  if (details.length > 0) evidence[0].note = details.join(', ');
  if (isNonEmptyString(runMessage)) {
    evidence.push({ path: MESSAGE_PATH, observed: oneLine(runMessage) });
  }

  if (state === undefined || state === null) {
    return {
      status: 'not-applicable',
      message: 'The template has no finished run (no lastRunStatus.runState)',
      evidence,
    };
  }
  if (isArmExpression(state)) {
    return {
      status: 'unknown',
      message: `The state of the last run is an unresolved template expression (${state})`,
      evidence: [
        { ...evidence[0], note: 'unresolved ARM template expression' },
      ],
    };
  }
  const known =
    typeof state === 'string'
      ? RUN_STATES.get(state.trim().toLowerCase())
      : undefined;
  if (!known) {
    // A state this version does not know says nothing about the build: never a failure.
    return {
      status: 'unknown',
      message: `The state of the last run is not one this rule knows (${JSON.stringify(
        state,
      )})`,
      evidence,
    };
  }
  // The run's message says why a build failed or was cut short.
  const showsReason =
    (known.status === 'fail' || known.status === 'warn') &&
    isNonEmptyString(runMessage);
  const reason = showsReason ? `: ${oneLine(runMessage)}` : '';
  return {
    status: known.status,
    message: `${known.says}${reason}`,
    evidence,
  };
}
