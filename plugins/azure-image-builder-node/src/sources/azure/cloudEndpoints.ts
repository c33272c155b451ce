import { AzureSourceConfig } from '../../config/types';

/** Where an azure source sends its requests, and for which audience it asks tokens. @public */
export interface AzureCloudEndpoints {
  /** The Azure Resource Manager base URL, without a trailing slash. */
  resourceManager: string;
  /**
   * The scope of every ARM token: `<audience>/.default`. It is the cloud's ARM audience, not
   * the endpoint: the emulator (or a proxy) at another URL still gets public-cloud tokens.
   */
  tokenScope: string;
  /** The Entra authority host; `undefined`: the SDK's default (the public cloud). */
  authorityHost?: string;
  /** Whether the authority host was configured: MSAL's instance discovery is then turned off. */
  customAuthorityHost: boolean;
}

/** The ARM host of each national cloud, with its token audience and authority host. */
const KNOWN_CLOUDS: Record<string, { audience: string; authority?: string }> = {
  'management.azure.com': { audience: 'https://management.azure.com' },
  'management.chinacloudapi.cn': {
    audience: 'https://management.chinacloudapi.cn',
    authority: 'https://login.chinacloudapi.cn',
  },
  'management.usgovcloudapi.net': {
    audience: 'https://management.usgovcloudapi.net',
    authority: 'https://login.microsoftonline.us',
  },
};

const PUBLIC_ARM = 'https://management.azure.com';

/**
 * The endpoints of an azure source: the public cloud by default; a national cloud's ARM host
 * brings its token audience and authority host; any other host (the emulator, a proxy) keeps
 * the public cloud's token audience (AZURE-API.md §3).
 * @public
 */
export function resolveCloudEndpoints(
  endpoints: AzureSourceConfig['endpoints'],
): AzureCloudEndpoints {
  const resourceManager = (endpoints?.resourceManager ?? PUBLIC_ARM).replace(
    /\/+$/,
    '',
  );
  const cloud = KNOWN_CLOUDS[new URL(resourceManager).hostname.toLowerCase()];
  const authorityHost = endpoints?.authorityHost ?? cloud?.authority;
  return {
    resourceManager,
    tokenScope: `${cloud?.audience ?? PUBLIC_ARM}/.default`,
    ...(authorityHost
      ? { authorityHost: authorityHost.replace(/\/+$/, '') }
      : {}),
    customAuthorityHost: endpoints?.authorityHost !== undefined,
  };
}
