import type { ArmError } from './armErrors';

/**
 * The api-versions each family of routes accepts: the versions the SDK clients send (first) plus
 * the other published versions of the resource type, so an older or newer client still works.
 * The body is the snapshot's JSON whatever the version: the emulator does not convert shapes.
 * @public
 */
export const API_VERSIONS = {
  /** `@azure/arm-imagebuilder` 5.x: 2025-10-01; 4.x: 2023-07-01. */
  imageBuilder: [
    '2025-10-01',
    '2024-02-01',
    '2023-07-01',
    '2022-07-01',
    '2022-02-14',
    '2021-10-01',
    '2020-02-14',
    '2019-05-01-preview',
  ],
  /** `@azure/arm-locks` 2.x: 2020-05-01. */
  locks: ['2020-05-01', '2016-09-01', '2015-01-01'],
  /** `@azure/arm-authorization` 9.x: 2022-04-01 for role assignments and definitions. */
  authorization: [
    '2022-04-01',
    '2022-05-01-preview',
    '2020-10-01-preview',
    '2020-08-01-preview',
    '2020-04-01-preview',
    '2018-09-01-preview',
    '2018-07-01',
    '2018-01-01-preview',
    '2017-05-01',
    '2015-07-01',
  ],
  /** `@azure/arm-msi` 2.2: 2024-11-30. */
  managedIdentity: [
    '2024-11-30',
    '2023-07-31-preview',
    '2023-01-31',
    '2022-01-31-preview',
    '2021-09-30-preview',
    '2018-11-30',
    '2015-08-31-preview',
  ],
  /** `@azure/arm-resources` 8.x: 2025-04-01 (resource groups). */
  resources: [
    '2025-04-01',
    '2025-03-01',
    '2024-11-01',
    '2024-07-01',
    '2024-03-01',
    '2023-07-01',
    '2022-09-01',
    '2021-04-01',
    '2021-01-01',
    '2020-10-01',
    '2020-06-01',
    '2019-10-01',
    '2019-08-01',
    '2019-07-01',
    '2019-05-10',
    '2019-05-01',
    '2019-03-01',
    '2018-05-01',
    '2018-02-01',
    '2017-05-10',
    '2016-09-01',
    '2016-07-01',
    '2016-02-01',
    '2015-11-01',
  ],
  /** `@azure/arm-resources-subscriptions` 3.x: 2022-12-01; `GET /subscriptions` also takes the Microsoft.Resources versions. */
  subscriptions: [
    '2022-12-01',
    '2021-01-01',
    '2020-01-01',
    '2019-11-01',
    '2019-06-01',
    '2018-06-01',
    '2016-06-01',
    '2015-11-01',
    '2014-04-01',
  ],
} as const;

/** A family of routes that share api-versions. @public */
export type ApiVersionFamily = keyof typeof API_VERSIONS;

function accepted(family: ApiVersionFamily): readonly string[] {
  return family === 'subscriptions'
    ? [...API_VERSIONS.subscriptions, ...API_VERSIONS.resources]
    : API_VERSIONS[family];
}

/**
 * ARM's answer to a missing or unknown `api-version`, or `undefined` when it is accepted.
 * Resource-provider types answer `NoRegisteredProviderFound`, Microsoft.Resources routes
 * (subscriptions, resource groups) `InvalidApiVersionParameter`, as ARM does.
 */
export function checkApiVersion(
  family: ApiVersionFamily,
  resourceType: string,
  version: string | null,
): ArmError | undefined {
  if (!version) {
    return {
      status: 400,
      code: 'MissingApiVersionParameter',
      message:
        'The api-version query parameter (?api-version=) is required for all requests.',
    };
  }
  const versions = accepted(family);
  if (versions.includes(version.toLowerCase())) return undefined;
  const supported = versions.join(', ');
  if (family === 'resources' || family === 'subscriptions') {
    return {
      status: 400,
      code: 'InvalidApiVersionParameter',
      message: `The api-version '${version}' is invalid. The supported versions are '${supported}'.`,
    };
  }
  return {
    status: 400,
    code: 'NoRegisteredProviderFound',
    message: `No registered resource provider found for API version '${version}' and type '${resourceType}'. The supported api-versions are '${supported}'.`,
  };
}
