import {
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { resolveCloudEndpoints } from './cloudEndpoints';
import { createAzureCredential } from './createCredential';

const PUBLIC = resolveCloudEndpoints(undefined);
const TENANT = '4f8c2d1e-7a39-4b5e-9c60-1d2e3f4a5b6c';
const CLIENT = '8a957c42-c512-43b4-9cb6-a147b19fb208';

describe('createAzureCredential', () => {
  it('makes the @azure/identity credential of each type', () => {
    expect(createAzureCredential({ type: 'default' }, PUBLIC)).toBeInstanceOf(
      DefaultAzureCredential,
    );
    expect(
      createAzureCredential(
        {
          type: 'clientSecret',
          tenantId: TENANT,
          clientId: CLIENT,
          clientSecret: 's',
        },
        PUBLIC,
      ),
    ).toBeInstanceOf(ClientSecretCredential);
    for (const credential of [
      { type: 'managedIdentity' },
      { type: 'managedIdentity', clientId: CLIENT },
      {
        type: 'managedIdentity',
        resourceId:
          '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
      },
    ]) {
      expect(createAzureCredential(credential, PUBLIC)).toBeInstanceOf(
        ManagedIdentityCredential,
      );
    }
    expect(
      createAzureCredential(
        {
          type: 'workloadIdentity',
          tenantId: TENANT,
          clientId: CLIENT,
          tokenFilePath: '/var/run/secrets/azure/tokens/azure-identity-token',
        },
        PUBLIC,
      ),
    ).toBeInstanceOf(WorkloadIdentityCredential);
  });

  it('refuses an unknown type', () => {
    expect(() => createAzureCredential({ type: 'password' }, PUBLIC)).toThrow(
      'unknown credential type "password"',
    );
  });
});
