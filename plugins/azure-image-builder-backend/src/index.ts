/**
 * Backend plugin of the Azure VM Image Builder scorecards: scans the configured sources on a
 * schedule, scores every image template, stores the scorecards and serves them over REST.
 *
 * @packageDocumentation
 */

export { azureImageBuilderPlugin as default } from './plugin';
