import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { galleryReplicaCountRule } from './galleryReplicaCount';

const IMAGE =
  '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/ubuntu';

const shared = (extra: object = {}) => ({
  type: 'SharedImage',
  galleryImageId: IMAGE,
  runOutputName: 'sig',
  ...extra,
});
const region = (name: string, replicaCount?: unknown) => ({
  name,
  ...(replicaCount === undefined ? {} : { replicaCount }),
});

function withDistribute(distribute: unknown) {
  return makeTemplate('t', { distribute });
}

describe('gallery-replica-count', () => {
  it('has the metadata of RULES.md #11', () => {
    expect(galleryReplicaCountRule.metadata).toMatchObject({
      id: 'gallery-replica-count',
      number: 11,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'three replicas in every region',
        [
          shared({
            targetRegions: [region('westeurope', 3), region('northeurope', 5)],
          }),
        ],
        {},
        'pass',
        /^Every gallery region has at least 3 replicas \(2 region\(s\)\)$/,
      ],
      [
        'a quoted count',
        [shared({ targetRegions: [region('westeurope', '3')] })],
        {},
        'pass',
        /at least 3/,
      ],
      [
        'a lower threshold from config',
        [shared({ targetRegions: [region('westeurope', 2)] })],
        { minReplicas: 2 },
        'pass',
        /at least 2 replicas/,
      ],
      [
        'a threshold of 1: an omitted count and replicationRegions pass',
        [
          shared({
            targetRegions: [region('westeurope')],
            replicationRegions: ['eastus'],
          }),
        ],
        { minReplicas: 1 },
        'pass',
        /at least 1 replicas \(2 region/,
      ],
      [
        'a region in both lists follows its targetRegions entry',
        [
          shared({
            targetRegions: [region('West Europe', 3)],
            replicationRegions: ['westeurope'],
          }),
        ],
        {},
        'pass',
        /\(1 region\(s\)\)/,
      ],
      [
        'a ManagedImage beside a good gallery distributor',
        [
          { type: 'ManagedImage', location: 'westeurope', imageId: 'x' },
          shared({ targetRegions: [region('westeurope', 3)] }),
        ],
        {},
        'pass',
        /at least 3/,
      ],
      [
        'two replicas in one region',
        [
          shared({
            targetRegions: [region('westeurope', 3), region('northeurope', 2)],
          }),
        ],
        {},
        'fail',
        /^1 gallery region\(s\) have fewer than 3 replicas: northeurope \(2\)\. Set targetRegions\[\]\.replicaCount to 3 or more$/,
      ],
      [
        'an omitted replicaCount',
        [shared({ targetRegions: [region('westeurope')] })],
        {},
        'fail',
        /westeurope \(1\)/,
      ],
      [
        'a region only in replicationRegions',
        [shared({ replicationRegions: ['eastus', 'westus'] })],
        {},
        'fail',
        /2 gallery region\(s\) .*: eastus \(1\), westus \(1\)/,
      ],
      [
        'no region listed (the template location, one replica)',
        [shared()],
        {},
        'fail',
        /westeurope \(1\)/,
      ],
      [
        'a count that is not a number',
        [shared({ targetRegions: [region('westeurope', 'three')] })],
        {},
        'fail',
        /westeurope \(invalid count\)/,
      ],
      [
        'a higher threshold from config',
        [shared({ targetRegions: [region('westeurope', 3)] })],
        { minReplicas: '5' },
        'fail',
        /fewer than 5 replicas: westeurope \(3\)/,
      ],
      [
        'a low region in the second gallery distributor',
        [
          shared({ targetRegions: [region('westeurope', 3)] }),
          shared({ targetRegions: [region('eastus', 1)] }),
        ],
        {},
        'fail',
        /eastus \(1\)/,
      ],
      [
        'a low region beside an expression',
        [
          shared({
            targetRegions: [
              region('westeurope', "[parameters('n')]"),
              region('eastus', 1),
            ],
          }),
        ],
        {},
        'fail',
        /eastus \(1\)/,
      ],
      [
        'a count given by an expression',
        [
          shared({
            targetRegions: [region('westeurope', "[parameters('n')]")],
          }),
        ],
        {},
        'unknown',
        /^Whether every gallery region has at least 3 replicas is unknown: unresolved template expression\(s\) at properties\.distribute\[0\]\.targetRegions\[0\]\.replicaCount$/,
      ],
      [
        'targetRegions given by an expression',
        [shared({ targetRegions: "[parameters('regions')]" })],
        {},
        'unknown',
        /at properties\.distribute\[0\]\.targetRegions$/,
      ],
      [
        'a good gallery beside a distributor given by an expression',
        [
          shared({ targetRegions: [region('westeurope', 3)] }),
          "[variables('more')]",
        ],
        {},
        'unknown',
        /at properties\.distribute\[1\]$/,
      ],
      [
        'no SharedImage distributor',
        [{ type: 'VHD', runOutputName: 'v' }],
        {},
        'not-applicable',
        /^The template distributes to no Azure Compute Gallery \(no SharedImage distributor\)$/,
      ],
      ['no distributor at all', [], {}, 'not-applicable', /no SharedImage/],
      [
        'only a distributor type given by an expression',
        [{ type: "[parameters('kind')]" }],
        {},
        'unknown',
        /^Whether the template distributes to an Azure Compute Gallery is unknown: properties\.distribute\[0\]\.type is an unresolved template expression$/,
      ],
    ].map(([name, distribute, options, status, message]) => ({
      name,
      distribute,
      options,
      status,
      message,
    })),
  )('$name -> $status', ({ distribute, options, status, message }: any) => {
    const outcome = evaluateRule(
      galleryReplicaCountRule,
      withDistribute(distribute),
      {},
      options,
    );
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('gives evidence per region with the path of its replicaCount', () => {
    const outcome = evaluateRule(
      galleryReplicaCountRule,
      withDistribute([
        { type: 'ManagedImage', location: 'westeurope', imageId: 'x' },
        shared({
          targetRegions: [region('westeurope', 3), region('northeurope')],
          replicationRegions: ['eastus'],
        }),
      ]),
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.distribute[1].targetRegions[0].replicaCount',
        observed: 3,
        expected: 'at least 3',
        note: 'region westeurope of SharedImage distributor #1',
      },
      {
        path: 'properties.distribute[1].targetRegions[1].replicaCount',
        observed: null,
        expected: 'at least 3',
        note: 'region northeurope of SharedImage distributor #1: replicaCount omitted, which means 1 replica',
      },
      {
        path: 'properties.distribute[1].replicationRegions[0]',
        observed: 'eastus',
        expected: 'at least 3',
        note: 'region eastus of SharedImage distributor #1: named only in replicationRegions, which has 1 replica',
      },
    ]);
  });

  it.each([0, -1, 2.5, 'x', true, null])(
    'refuses minReplicas %j',
    minReplicas => {
      expect(() =>
        evaluateRule(
          galleryReplicaCountRule,
          withDistribute([shared()]),
          {},
          { minReplicas },
        ),
      ).toThrow(
        `Invalid option minReplicas of rule gallery-replica-count: expected a whole number of at least 1, got ${JSON.stringify(
          minReplicas,
        )}`,
      );
    },
  );
});
