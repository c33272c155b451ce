import { IMAGE_TEMPLATE_RESOURCE_TYPE } from '@aib-scorecards/plugin-azure-image-builder-common';

/** The parts of an image template's ARM id. @public */
export interface ImageTemplateIdParts {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const TEMPLATE_ID = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${IMAGE_TEMPLATE_RESOURCE_TYPE.replace(
    '.',
    '\\.',
  )}/([^/]+)$`,
  'i',
);

/**
 * Splits `/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.VirtualMachineImages/imageTemplates/<name>`
 * (any casing, as Azure compares ids case-insensitively) into its parts, as written; `undefined`
 * for anything else.
 * @public
 */
export function parseImageTemplateId(
  id: string,
): ImageTemplateIdParts | undefined {
  if (typeof id !== 'string') return undefined;
  const m = TEMPLATE_ID.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1], resourceGroup: m[2], name: m[3] };
}
