import fs from 'fs';
import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { findSecretsInValue, REDACTED } from '../redaction';
import { FIXTURES_DIR, readFixtureTemplates } from './__testUtils__/fixtures';
import { DEFAULT_OWNERSHIP } from '../config/types';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  RG_ID,
  SUB,
} from './__testUtils__/snapshots';
import { createRuleEngine } from './createRuleEngine';
import { scoreSnapshot } from './scoreSnapshot';
import { templateFacts } from './templateFacts';

const GALLERY_IMAGE = `${RG_ID}/providers/Microsoft.Compute/galleries/g/images/ubuntu`;
const UAMI = `/subscriptions/${SUB}/resourcegroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib`;
const BUILD_UAMI = `/subscriptions/${SUB}/resourcegroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/build`;

describe('templateFacts', () => {
  it('reads every fact of a complete template', () => {
    const template = makeTemplate(
      'full',
      {
        stagingResourceGroup: `/subscriptions/${SUB}/resourceGroups/rg-staging`,
        provisioningState: 'Succeeded',
        vmProfile: {
          vmSize: 'Standard_D4s_v5',
          osDiskSizeGB: 128,
          userAssignedIdentities: [BUILD_UAMI],
        },
        lastRunStatus: {
          startTime: '2026-11-20T08:00:00Z',
          endTime: '2026-11-20T08:45:00Z',
          runState: 'Failed',
          runSubState: 'Customizing',
          message:
            'Download of https://acct.blob.core.windows.net/c/s.sh?sv=2022&sig=c2VjcmV0 failed',
        },
        distribute: [
          {
            type: 'SharedImage',
            galleryImageId: GALLERY_IMAGE,
            runOutputName: 'sig',
            targetRegions: [
              { name: 'westeurope', replicaCount: 3 },
              { name: 'northeurope' },
              { name: 'West Europe' },
              { replicaCount: 1 },
            ],
            replicationRegions: ['eastus'],
          },
          {
            type: 'ManagedImage',
            imageId: `${RG_ID}/providers/Microsoft.Compute/images/img`,
            location: 'westeurope',
            runOutputName: 'managed',
          },
          {
            type: 'VHD',
            runOutputName: 'vhd',
            uri: 'https://acct.blob.core.windows.net/vhds/out.vhd?sp=r&sig=c2VjcmV0LXNpZw%3D%3D',
          },
        ],
      },
      {
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: { [UAMI]: { principalId: 'p' } },
        },
      },
    );

    const facts = templateFacts(template);

    expect(facts).toEqual({
      location: 'westeurope',
      sourceType: 'PlatformImage',
      sourceImage: 'Canonical:ubuntu-24_04-lts:server:latest',
      distributions: [
        {
          type: 'SharedImage',
          target: GALLERY_IMAGE,
          regions: ['westeurope', 'northeurope'],
        },
        {
          type: 'ManagedImage',
          target: `${RG_ID}/providers/Microsoft.Compute/images/img`,
          regions: ['westeurope'],
        },
        {
          type: 'VHD',
          target: `https://acct.blob.core.windows.net/vhds/out.vhd?sp=r&sig=${REDACTED}`,
          regions: [],
        },
      ],
      identities: [UAMI],
      buildVmIdentities: [BUILD_UAMI],
      vmSize: 'Standard_D4s_v5',
      stagingResourceGroup: `/subscriptions/${SUB}/resourceGroups/rg-staging`,
      lastRun: {
        runState: 'Failed',
        runSubState: 'Customizing',
        startTime: '2026-11-20T08:00:00Z',
        endTime: '2026-11-20T08:45:00Z',
        message: `Download of https://acct.blob.core.windows.net/c/s.sh?sv=2022&sig=${REDACTED} failed`,
      },
      provisioningState: 'Succeeded',
    });
    expect(JSON.stringify(facts)).not.toContain('c2VjcmV0');
  });

  it('falls back to the deprecated replicationRegions when targetRegions is absent', () => {
    const facts = templateFacts(
      makeTemplate('legacy', {
        distribute: [
          {
            type: 'SharedImage',
            galleryImageId: GALLERY_IMAGE,
            replicationRegions: ['westeurope', 'WestEurope', 'eastus'],
          },
        ],
      }),
    );
    expect(facts.distributions).toEqual([
      {
        type: 'SharedImage',
        target: GALLERY_IMAGE,
        regions: ['westeurope', 'eastus'],
      },
    ]);
  });

  it.each([
    [
      { type: 'ManagedImage', imageId: '/subscriptions/s/x/images/base' },
      'ManagedImage',
      '/subscriptions/s/x/images/base',
    ],
    [
      {
        type: 'SharedImageVersion',
        imageVersionId:
          '/subscriptions/s/x/galleries/g/images/i/versions/1.0.0',
      },
      'SharedImageVersion',
      '/subscriptions/s/x/galleries/g/images/i/versions/1.0.0',
    ],
    [
      { type: 'PlatformImage', publisher: 'MicrosoftWindowsServer', sku: 'x' },
      'PlatformImage',
      'MicrosoftWindowsServer:?:x:?',
    ],
  ])('reads a readable source image from %j', (source, type, image) => {
    const facts = templateFacts(makeTemplate('src', { source }));
    expect(facts.sourceType).toBe(type);
    expect(facts.sourceImage).toBe(image);
  });

  it('leaves out what is missing or malformed instead of throwing', () => {
    const malformed: ArmResource[] = [
      { id: '/subscriptions/s/resourceGroups/r/providers/x/y/none' },
      {
        id: '/subscriptions/s/resourceGroups/r/providers/x/y/odd',
        location: 42 as any,
        identity: { userAssignedIdentities: ['not', 'a', 'map'] },
        properties: {
          source: 'PlatformImage',
          distribute: [null, 'x', { type: 7, regions: 'westeurope' }],
          vmProfile: { vmSize: '', userAssignedIdentities: 'one' },
          lastRunStatus: { runState: 3 },
          stagingResourceGroup: {},
        },
      },
      {
        id: '/subscriptions/s/resourceGroups/r/providers/x/y/props',
        properties: [] as any,
      },
    ];
    expect(malformed.map(templateFacts)).toEqual([
      { distributions: [], identities: [], buildVmIdentities: [] },
      {
        distributions: [{ type: 'unknown', regions: [] }],
        identities: [],
        buildVmIdentities: [],
      },
      { distributions: [], identities: [], buildVmIdentities: [] },
    ]);
  });

  it('are part of every scorecard, with the subscription name when the snapshot has it', () => {
    const named = makeTemplate('named', {
      vmProfile: { vmSize: 'Standard_B2s' },
    });
    const [withName, withoutName] = scoreSnapshot(
      makeSnapshot([
        makeSubscription({
          displayName: 'Images (prod)',
          imageTemplates: [named],
        }),
        makeSubscription({
          subscriptionId: '00000000-0000-0000-0000-000000000002',
          imageTemplates: [
            {
              ...makeTemplate('anonymous'),
              id: '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/anonymous',
            },
          ],
        }),
      ]),
      {
        engine: createRuleEngine(),
        sourceId: 'demo',
        ownership: DEFAULT_OWNERSHIP,
      },
    );
    expect(withName.subscriptionName).toBe('Images (prod)');
    expect(withName.facts).toEqual(templateFacts(named));
    expect(withName.facts?.vmSize).toBe('Standard_B2s');
    expect(withoutName).not.toHaveProperty('subscriptionName');
    expect(withoutName.facts?.sourceType).toBe('PlatformImage');
  });

  const withFixtures = fs.existsSync(FIXTURES_DIR) ? describe : describe.skip;
  withFixtures('on the shared fixtures', () => {
    it('reads every fixture template without a secret in the facts', () => {
      const fixtures = readFixtureTemplates();
      expect(fixtures.length).toBeGreaterThan(10);
      for (const { file, pointer, template } of fixtures) {
        const facts = templateFacts(template);
        expect({ file, pointer, secrets: findSecretsInValue(facts) }).toEqual({
          file,
          pointer,
          secrets: [],
        });
        expect(Array.isArray(facts.distributions)).toBe(true);
      }
    });
  });
});
