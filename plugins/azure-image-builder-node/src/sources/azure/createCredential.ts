import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, TlsSettings } from '@azure/core-rest-pipeline';
import {
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { AzureSourceConfig } from '../../config/types';
import { AzureCloudEndpoints } from './cloudEndpoints';

function field(
  credential: AzureSourceConfig['credential'],
  key: string,
): string | undefined {
  const value = credential[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The `@azure/identity` credential of an azure source's `credential` block (validated by the
 * config reader). `pipeline` (an HTTP client, TLS options) is for the token requests; tests use
 * it to trust the emulator's certificate.
 * @public
 */
export function createAzureCredential(
  credential: AzureSourceConfig['credential'],
  endpoints: AzureCloudEndpoints,
  pipeline: { httpClient?: HttpClient; tlsOptions?: TlsSettings } = {},
): TokenCredential {
  const authority = {
    ...pipeline,
    ...(endpoints.authorityHost
      ? { authorityHost: endpoints.authorityHost }
      : {}),
    // MSAL asks login.microsoftonline.com to validate an unknown authority host: a network call
    // that a sovereign or air-gapped install (and the emulator) cannot make.
    ...(endpoints.customAuthorityHost
      ? { disableInstanceDiscovery: true }
      : {}),
  };
  const tenantId = field(credential, 'tenantId');
  const clientId = field(credential, 'clientId');
  switch (credential.type) {
    case 'default': {
      const managedIdentityClientId = field(
        credential,
        'managedIdentityClientId',
      );
      return new DefaultAzureCredential({
        ...authority,
        ...(tenantId ? { tenantId } : {}),
        ...(managedIdentityClientId ? { managedIdentityClientId } : {}),
      });
    }
    case 'clientSecret':
      return new ClientSecretCredential(
        tenantId!,
        clientId!,
        field(credential, 'clientSecret')!,
        authority,
      );
    case 'managedIdentity': {
      const resourceId = field(credential, 'resourceId');
      if (resourceId) {
        return new ManagedIdentityCredential({ ...pipeline, resourceId });
      }
      return new ManagedIdentityCredential({
        ...pipeline,
        ...(clientId ? { clientId } : {}),
      });
    }
    case 'workloadIdentity': {
      // Unset fields come from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE,
      // which the AKS workload identity webhook injects.
      const tokenFilePath = field(credential, 'tokenFilePath');
      return new WorkloadIdentityCredential({
        ...authority,
        ...(tenantId ? { tenantId } : {}),
        ...(clientId ? { clientId } : {}),
        ...(tokenFilePath ? { tokenFilePath } : {}),
      });
    }
    default:
      throw new Error(`unknown credential type "${credential.type}"`);
  }
}
