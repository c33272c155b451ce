import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { galleryZoneRedundantStorageRule } from './galleryZoneRedundantStorage';

const IMAGE =
  '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/ubuntu';

const shared = (extra: object = {}) => ({
  type: 'SharedImage',
  galleryImageId: IMAGE,
  runOutputName: 'sig',
  ...extra,
});
const region = (name: string, storageAccountType?: unknown) => ({
  name,
  replicaCount: 3,
  ...(storageAccountType === undefined ? {} : { storageAccountType }),
});

function withDistribute(distribute: unknown) {
  return makeTemplate('t', { distribute });
}

describe('gallery-zone-redundant-storage', () => {
  it('has the metadata of RULES.md #12', () => {
    expect(galleryZoneRedundantStorageRule.metadata).toMatchObject({
      id: 'gallery-zone-redundant-storage',
      number: 12,
      severity: 'low',
    });
  });

  it.each(
    [
      [
        'Standard_ZRS in every target region',
        [
          shared({
            targetRegions: [
              region('westeurope', 'Standard_ZRS'),
              region('northeurope', 'Standard_ZRS'),
            ],
          }),
        ],
        'pass',
        /^Every gallery region uses zone-redundant storage \(Standard_ZRS, 2 region\(s\)\)$/,
      ],
      [
        'the value in another casing',
        [shared({ targetRegions: [region('westeurope', 'standard_zrs')] })],
        'pass',
        /zone-redundant/,
      ],
      [
        'replicationRegions with a distributor-level Standard_ZRS',
        [
          shared({
            replicationRegions: ['westeurope', 'eastus'],
            storageAccountType: 'Standard_ZRS',
          }),
        ],
        'pass',
        /2 region/,
      ],
      [
        'no region listed, a distributor-level Standard_ZRS',
        [shared({ storageAccountType: 'Standard_ZRS' })],
        'pass',
        /1 region/,
      ],
      [
        'Standard_LRS in one region',
        [
          shared({
            targetRegions: [
              region('westeurope', 'Standard_ZRS'),
              region('northeurope', 'Standard_LRS'),
            ],
          }),
        ],
        'warn',
        /^1 gallery region\(s\) do not use zone-redundant storage: northeurope \(Standard_LRS\)\. Set storageAccountType to Standard_ZRS$/,
      ],
      [
        'Premium_LRS',
        [shared({ targetRegions: [region('westeurope', 'Premium_LRS')] })],
        'warn',
        /westeurope \(Premium_LRS\)/,
      ],
      [
        'an omitted storage type (Standard_LRS by default)',
        [shared({ targetRegions: [region('westeurope')] })],
        'warn',
        /westeurope \(Standard_LRS by default\)/,
      ],
      [
        'a target region without its own type, despite a distributor-level ZRS',
        [
          shared({
            targetRegions: [region('westeurope')],
            storageAccountType: 'Standard_ZRS',
          }),
        ],
        'warn',
        /westeurope \(Standard_LRS by default\)/,
      ],
      [
        'replicationRegions without a distributor-level type',
        [shared({ replicationRegions: ['eastus'] })],
        'warn',
        /eastus \(Standard_LRS by default\)/,
      ],
      [
        'replicationRegions with a distributor-level Standard_LRS',
        [
          shared({
            replicationRegions: ['eastus'],
            storageAccountType: 'Standard_LRS',
          }),
        ],
        'warn',
        /eastus \(Standard_LRS\)/,
      ],
      [
        'another region beside an expression',
        [
          shared({
            targetRegions: [
              region('westeurope', "[parameters('sku')]"),
              region('eastus', 'Standard_LRS'),
            ],
          }),
        ],
        'warn',
        /eastus \(Standard_LRS\)/,
      ],
      [
        'a storage type given by an expression',
        [
          shared({
            targetRegions: [region('westeurope', "[parameters('sku')]")],
          }),
        ],
        'unknown',
        /^Whether every gallery region uses Standard_ZRS is unknown: unresolved template expression\(s\) at properties\.distribute\[0\]\.targetRegions\[0\]\.storageAccountType$/,
      ],
      [
        'replicationRegions given by an expression',
        [
          shared({
            replicationRegions: "[parameters('regions')]",
            storageAccountType: 'Standard_ZRS',
          }),
        ],
        'pass',
        /1 region/,
      ],
      [
        'replicationRegions given by an expression, no distributor-level type',
        [shared({ replicationRegions: "[parameters('regions')]" })],
        'warn',
        /replicationRegions \(unresolved\) \(Standard_LRS by default\)/,
      ],
      [
        'targetRegions given by an expression',
        [shared({ targetRegions: "[parameters('regions')]" })],
        'unknown',
        /at properties\.distribute\[0\]\.targetRegions$/,
      ],
      [
        'no SharedImage distributor',
        [{ type: 'ManagedImage', location: 'westeurope', imageId: 'x' }],
        'not-applicable',
        /no SharedImage distributor/,
      ],
      [
        'distribute given by an expression',
        "[variables('distribute')]",
        'unknown',
        /^Whether the template distributes to an Azure Compute Gallery is unknown/,
      ],
    ].map(([name, distribute, status, message]) => ({
      name,
      distribute,
      status,
      message,
    })),
  )('$name -> $status', ({ distribute, status, message }: any) => {
    const outcome = evaluateRule(
      galleryZoneRedundantStorageRule,
      withDistribute(distribute),
    );
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('shows the storage type of every region with its path', () => {
    const outcome = evaluateRule(
      galleryZoneRedundantStorageRule,
      withDistribute([
        shared({
          targetRegions: [
            region('westeurope', 'Standard_ZRS'),
            region('eastus'),
          ],
          replicationRegions: ['northeurope'],
          storageAccountType: 'Standard_LRS',
        }),
      ]),
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.distribute[0].targetRegions[0].storageAccountType',
        observed: 'Standard_ZRS',
        expected: 'Standard_ZRS',
        note: 'region westeurope of SharedImage distributor #0',
      },
      {
        path: 'properties.distribute[0].targetRegions[1].storageAccountType',
        observed: null,
        expected: 'Standard_ZRS',
        note: 'region eastus of SharedImage distributor #0: omitted, which means Standard_LRS',
      },
      {
        path: 'properties.distribute[0].storageAccountType',
        observed: 'Standard_LRS',
        expected: 'Standard_ZRS',
        note: 'region northeurope of SharedImage distributor #0 (distributor-level storageAccountType)',
      },
    ]);
  });
});
