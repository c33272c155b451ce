/*
 * Small inputs for the CLI's tests, written by hand: a snapshot, single ARM templates, a list
 * response and a deployment template. Every value is fake, including the secrets.
 */
import {
  RULE_METADATA,
  SNAPSHOT_KIND,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TYPE = 'Microsoft.VirtualMachineImages/imageTemplates';
export const SUB = '11111111-2222-3333-4444-555555555555';

/** Fake secrets: a SAS signature and an inline password. */
export const SAS_SIG = 'FAKEsasSIGNATUREforTESTSonly0123456789abcd%3D';
export const INLINE_PASSWORD = 'FAKE-cli-Passw0rd-test-only';

export function templateId(name: string, rg = 'rg-images', sub = SUB) {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${TYPE}/${name}`;
}

/**
 * A template that passes the rules it can be judged on alone: hashed customizer, boot optimization,
 * own subnets, validation, a succeeded run. `overrides.properties` is merged into its properties.
 */
export function goodTemplate(
  name: string,
  overrides: {
    location?: string;
    tags?: Record<string, string>;
    properties?: any;
  } = {},
): any {
  return {
    id: templateId(name),
    name,
    type: TYPE,
    location: overrides.location ?? 'westeurope',
    tags: overrides.tags ?? { owner: 'team-images' },
    identity: {
      type: 'UserAssigned',
      userAssignedIdentities: {
        [`/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aib`]:
          { principalId: 'aaaaaaaa-0000-0000-0000-000000000001' },
      },
    },
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: 'ubuntu-24_04-lts',
        sku: 'server',
        version: 'latest',
      },
      customize: [
        {
          type: 'Shell',
          name: 'setup',
          scriptUri: 'https://example.com/setup.sh',
          sha256Checksum: 'a'.repeat(64),
        },
      ],
      validate: {
        inVMValidations: [
          { type: 'Shell', name: 'check', inline: ['test -f /etc/os-release'] },
        ],
      },
      distribute: [
        {
          type: 'ManagedImage',
          runOutputName: 'out',
          imageId: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`,
          location: overrides.location ?? 'westeurope',
        },
      ],
      vmProfile: {
        vmSize: 'Standard_D2s_v3',
        vnetConfig: {
          subnetId: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/build`,
          containerInstanceSubnetId: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aci`,
        },
      },
      optimize: { vmBoot: { state: 'Enabled' } },
      stagingResourceGroup: `/subscriptions/${SUB}/resourceGroups/rg-staging-${name}`,
      lastRunStatus: { runState: 'Succeeded' },
      ...overrides.properties,
    },
  };
}

/** Fails only `vm-boot-optimization` (low) of the two rules {@link TWO_RULES_CONFIG} keeps. */
export function lowFailTemplate(name = 'it-low'): any {
  return goodTemplate(name, { properties: { optimize: undefined } });
}

/** Fails `customizer-checksum` (high), with a SAS token and an inline password in it. */
export function secretTemplate(name = 'it-secret'): any {
  return goodTemplate(name, {
    properties: {
      customize: [
        {
          type: 'Shell',
          name: 'from-blob',
          scriptUri: `https://contoso.blob.core.windows.net/scripts/setup.sh?sv=2022-11-02&se=2030-01-01&sp=r&sig=${SAS_SIG}`,
        },
        {
          type: 'Shell',
          name: 'db',
          inline: [
            `mysql --user=admin --password=${INLINE_PASSWORD} < init.sql`,
          ],
        },
      ],
    },
  });
}

/** A snapshot of templates with every collection read and none of them holding anything. */
export function snapshotOf(...templates: any[]): any {
  return {
    kind: SNAPSHOT_KIND,
    version: 1,
    capturedAt: '2026-11-20T10:00:00Z',
    subscriptions: [
      {
        subscriptionId: SUB,
        displayName: 'Test',
        resourceGroups: [],
        imageTemplates: templates,
        triggers: [],
        locks: [],
        roleAssignments: [],
        roleDefinitions: [],
        userAssignedIdentities: [],
      },
    ],
  };
}

/** `azureImageBuilder.rules` keeping only `vm-boot-optimization` (low) and `customizer-checksum` (high). */
export const TWO_RULES_CONFIG = [
  'azureImageBuilder:',
  '  rules:',
  '    disabled:',
  ...RULE_METADATA.filter(
    r => !['vm-boot-optimization', 'customizer-checksum'].includes(r.id),
  ).map(r => `      - ${r.id}`),
  '',
].join('\n');

/** A temporary folder with files; removed by `cleanup`. */
export function tempDir(files: Record<string, string | object> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aib-scorecard-'));
  const write = (name: string, content: string | object) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
    return file;
  };
  for (const [name, content] of Object.entries(files)) write(name, content);
  return {
    path: dir,
    write,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
