import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Staleness } from '@aib-scorecards/plugin-azure-image-builder-common';
import { formatAbsoluteTime, formatRelativeTime } from './format';

/** Says that the latest scan could not read the template, so the checklist may be out of date. */
export function StaleBanner(props: { stale: Staleness; now?: number }) {
  const { stale, now } = props;
  return (
    <Alert severity="warning" role="status">
      <AlertTitle>This scorecard may be out of date</AlertTitle>
      Stale since{' '}
      <time dateTime={stale.since}>
        {formatAbsoluteTime(stale.since)} (
        {formatRelativeTime(stale.since, now)})
      </time>{' '}
      because {stale.reason}. The checklist below shows the last successful
      scan.
    </Alert>
  );
}
