import { TemplateSummary } from '@aib-scorecards/plugin-azure-image-builder-common';

type Cell = string | number | null | undefined;

/** The columns of the export, before one column per rule (its status). */
const COLUMNS: Array<[string, (t: TemplateSummary) => Cell]> = [
  ['Template', t => t.templateName],
  ['Score', t => t.score],
  ['Fail', t => t.counts.fail],
  ['Warn', t => t.counts.warn],
  ['Unknown', t => t.counts.unknown],
  ['Pass', t => t.counts.pass],
  ['Not applicable', t => t.counts['not-applicable']],
  ['Waived', t => t.counts.waived],
  ['Owner', t => t.owner],
  ['Subscription ID', t => t.subscriptionId],
  ['Subscription', t => t.subscriptionName],
  ['Resource group', t => t.resourceGroup],
  ['Location', t => t.location],
  ['Last run', t => t.lastRunState],
  ['Last run time', t => t.lastRunTime],
  ['Scanned at', t => t.scannedAt],
  ['Stale since', t => t.stale?.since],
  ['Stale reason', t => t.stale?.reason],
  ['Entity', t => t.entityRef],
  ['Resource ID', t => t.resourceId],
];

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would take for a formula is prefixed with `'`,
 * and text with a quote, comma or line break is quoted.
 * @public
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = FORMULA_START.test(value) ? `'${value}` : value;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

function line(cells: Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The header row: the fixed columns, then one per rule id. @public */
export function csvHeader(ruleIds: readonly string[]): string {
  return line([...COLUMNS.map(([name]) => name), ...ruleIds]);
}

/** One template as a CSV row, the status of each rule in the order of the header. @public */
export function csvRow(
  template: TemplateSummary,
  ruleIds: readonly string[],
): string {
  return line([
    ...COLUMNS.map(([, get]) => get(template)),
    ...ruleIds.map(id => template.statuses[id]),
  ]);
}
