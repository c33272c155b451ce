import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The 1-based line of a template in its file, for SARIF annotations: where its `"id"` is, or for
 * a template whose id was made up, its `"name"`; 1 when neither is found as written.
 */
export function findTemplateLine(
  text: string,
  template: ArmResource,
  options: { byName: boolean },
): number {
  const key = options.byName ? 'name' : 'id';
  const value = template[key];
  if (typeof value !== 'string' || value === '') return 1;
  const pattern = new RegExp(
    `"${key}"\\s*:\\s*${escapeRegExp(JSON.stringify(value))}`,
  );
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : 1;
}
