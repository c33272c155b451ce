import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { drMultiRegionDistributionRule } from './drMultiRegionDistribution';

const IMAGE =
  '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/ubuntu';

const shared = (extra: object = {}) => ({
  type: 'SharedImage',
  galleryImageId: IMAGE,
  runOutputName: 'sig',
  ...extra,
});
const managed = (location: unknown) => ({
  type: 'ManagedImage',
  imageId:
    '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/images/i',
  location,
  runOutputName: 'mi',
});
const vhd = { type: 'VHD', runOutputName: 'vhd' };

/** A template in West Europe with the given distributors. */
function withDistribute(distribute: unknown, location: unknown = 'westeurope') {
  return makeTemplate('t', { distribute }, { location } as any);
}

describe('dr-multi-region-distribution', () => {
  it('has the metadata of RULES.md #3', () => {
    expect(drMultiRegionDistributionRule.metadata).toMatchObject({
      id: 'dr-multi-region-distribution',
      number: 3,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'two target regions',
        [
          shared({
            targetRegions: [{ name: 'westeurope' }, { name: 'northeurope' }],
          }),
        ],
        'pass',
        /^Images are distributed to 2 regions: westeurope, northeurope$/,
      ],
      [
        'replicationRegions',
        [shared({ replicationRegions: ['eastus', 'westus'] })],
        'pass',
        /eastus, westus/,
      ],
      [
        'targetRegions and replicationRegions together',
        [
          shared({
            targetRegions: [{ name: 'westeurope' }],
            replicationRegions: ['northeurope'],
          }),
        ],
        'pass',
        /2 regions/,
      ],
      [
        'a managed image in another region than a gallery region',
        [
          shared({ targetRegions: [{ name: 'westeurope' }] }),
          managed('eastus'),
        ],
        'pass',
        /westeurope, eastus/,
      ],
      [
        'a VHD (template location) and a managed image elsewhere',
        [vhd, managed('northeurope')],
        'pass',
        /westeurope, northeurope/,
      ],
      [
        'a gallery without regions (template location) and a target elsewhere',
        [shared(), shared({ targetRegions: [{ name: 'eastus' }] })],
        'pass',
        /westeurope, eastus/,
      ],
      [
        'distributor types in another casing',
        [{ ...vhd, type: 'vhd' }, managed('eastus')],
        'pass',
        /2 regions/,
      ],
      [
        'two known regions beside an expression',
        [
          shared({
            targetRegions: [
              { name: 'westeurope' },
              { name: 'eastus' },
              { name: "[parameters('r')]" },
            ],
          }),
        ],
        'pass',
        /2 regions/,
      ],
      [
        'one target region',
        [shared({ targetRegions: [{ name: 'westeurope' }] })],
        'fail',
        /^Images are distributed to one region only \(westeurope\): distribute to a second region/,
      ],
      [
        'one region spelled two ways',
        [
          shared({
            targetRegions: [{ name: 'West Europe' }, { name: 'westeurope' }],
            replicationRegions: ['WESTEUROPE'],
          }),
        ],
        'fail',
        /one region only \(West Europe\)/,
      ],
      [
        'a managed image in the template location only',
        [managed('westeurope')],
        'fail',
        /one region only/,
      ],
      ['a VHD only', [vhd], 'fail', /one region only \(westeurope\)/],
      [
        'a VHD and a managed image in the same region',
        [vhd, managed('West Europe')],
        'fail',
        /one region only/,
      ],
      [
        'a gallery distributor that lists no region',
        [shared()],
        'fail',
        /one region only \(westeurope\)/,
      ],
      [
        'no distributor',
        [],
        'fail',
        /^The template distributes images to no region/,
      ],
      [
        'only a distributor of an unknown type',
        [{ type: 'Container', location: 'eastus' }],
        'fail',
        /no region/,
      ],
      [
        'the distribute list is an expression',
        "[variables('distribute')]",
        'unknown',
        /^Whether images are distributed to two or more regions is unknown: no region could be read at properties\.distribute \(unresolved template expression or absent\)$/,
      ],
      [
        'targetRegions is an expression',
        [shared({ targetRegions: "[parameters('regions')]" })],
        'unknown',
        /properties\.distribute\[0\]\.targetRegions/,
      ],
      [
        'replicationRegions is an expression (quickstart templates)',
        [shared({ replicationRegions: "[parameters('replicationRegions')]" })],
        'unknown',
        /properties\.distribute\[0\]\.replicationRegions/,
      ],
      [
        'one known region and a region expression',
        [
          shared({
            targetRegions: [
              { name: 'westeurope' },
              { name: "[parameters('r')]" },
            ],
          }),
        ],
        'unknown',
        /targetRegions\[1\]\.name .*; known region: westeurope$/,
      ],
      [
        'a managed image location that is an expression',
        [managed('[resourceGroup().location]')],
        'unknown',
        /properties\.distribute\[0\]\.location/,
      ],
      [
        'a managed image without location',
        [managed(undefined)],
        'unknown',
        /at properties\.distribute\[0\]\.location \(/,
      ],
      [
        'a distributor whose type is an expression',
        [vhd, { type: "[parameters('kind')]", location: 'eastus' }],
        'unknown',
        /properties\.distribute\[1\]\.type/,
      ],
    ].map(([name, distribute, status, message]) => ({
      name,
      distribute,
      status,
      message,
    })),
  )('$name -> $status', ({ distribute, status, message }: any) => {
    const outcome = evaluateRule(
      drMultiRegionDistributionRule,
      withDistribute(distribute),
    );
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('is unknown for a VHD when the template location is an expression', () => {
    const outcome = evaluateRule(
      drMultiRegionDistributionRule,
      withDistribute([vhd], '[resourceGroup().location]'),
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.message).toMatch(/read at location \(/);
  });

  it('names each region with its path and distributor', () => {
    const outcome = evaluateRule(
      drMultiRegionDistributionRule,
      withDistribute([
        shared({
          targetRegions: [{ name: 'westeurope', replicaCount: 3 }],
          replicationRegions: ['eastus'],
        }),
        managed('northeurope'),
        vhd,
      ]),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.distribute[0].targetRegions[0].name',
        observed: 'westeurope',
        note: 'SharedImage distributor #0 (targetRegions)',
      },
      {
        path: 'properties.distribute[0].replicationRegions[0]',
        observed: 'eastus',
        note: 'SharedImage distributor #0 (replicationRegions)',
      },
      {
        path: 'properties.distribute[1].location',
        observed: 'northeurope',
        note: 'ManagedImage distributor #1',
      },
      {
        path: 'location',
        observed: 'westeurope',
        note: "VHD distributor #2: the template's location",
      },
    ]);
  });
});
