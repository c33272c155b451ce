import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { ownSubnetsRule } from './ownSubnets';

const VNET =
  '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-build';
const OTHER_VNET =
  '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-other';
const BUILD = `${VNET}/subnets/build`;
const ACI = `${VNET}/subnets/aci`;

function withVnet(vnetConfig: unknown) {
  return makeTemplate('t', {
    vmProfile: { vmSize: 'Standard_D2s_v3', vnetConfig },
  });
}

describe('own-subnets', () => {
  it('has the metadata of RULES.md #6', () => {
    expect(ownSubnetsRule.metadata).toMatchObject({
      id: 'own-subnets',
      number: 6,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'both subnets on one network',
        { subnetId: BUILD, containerInstanceSubnetId: ACI },
        'pass',
        /^The build runs in your own subnets: build subnet 'build' and container instance subnet 'aci' of virtual network 'vnet-build'$/,
      ],
      [
        'one network spelled in two casings',
        {
          subnetId: BUILD,
          containerInstanceSubnetId: ACI.replace('vnet-build', 'VNET-BUILD'),
        },
        'pass',
        /own subnets/,
      ],
      [
        'only subnetId',
        { subnetId: BUILD },
        'warn',
        /^Only the build subnet is set: also set properties\.vmProfile\.vnetConfig\.containerInstanceSubnetId/,
      ],
      [
        'subnetId with the proxy VM',
        { subnetId: BUILD, proxyVmSize: 'Standard_A1_v2' },
        'warn',
        /instead of the proxy VM/,
      ],
      [
        'subnetId with an empty container instance subnet',
        { subnetId: BUILD, containerInstanceSubnetId: '' },
        'warn',
        /Only the build subnet/,
      ],
      [
        'the same subnet twice',
        { subnetId: BUILD, containerInstanceSubnetId: BUILD.toUpperCase() },
        'warn',
        /^The subnet pair is invalid: the build subnet and the container instance subnet are the same subnet$/,
      ],
      [
        'subnets of different networks',
        {
          subnetId: BUILD,
          containerInstanceSubnetId: `${OTHER_VNET}/subnets/aci`,
        },
        'warn',
        /^The subnet pair is invalid: .*on different virtual networks \(.*vnet-build and .*vnet-other\)$/,
      ],
      [
        'proxyVmSize beside containerInstanceSubnetId',
        {
          subnetId: BUILD,
          containerInstanceSubnetId: ACI,
          proxyVmSize: 'Standard_A1_v2',
        },
        'warn',
        /^The subnet pair is invalid: proxyVmSize is set beside containerInstanceSubnetId/,
      ],
      [
        'proxyVmSize and the same subnet',
        {
          subnetId: BUILD,
          containerInstanceSubnetId: BUILD,
          proxyVmSize: 'Standard_A1_v2',
        },
        'warn',
        /proxyVmSize is set.*; the build subnet and the container instance subnet are the same subnet/,
      ],
      [
        'a container instance subnet that is not a subnet id',
        { subnetId: BUILD, containerInstanceSubnetId: VNET },
        'warn',
        /containerInstanceSubnetId '.*vnet-build' is not a subnet id/,
      ],
      [
        'a subnetId that is an expression',
        { subnetId: "[parameters('subnet')]", containerInstanceSubnetId: ACI },
        'unknown',
        /unresolved template expression/,
      ],
      [
        'an expression beside proxyVmSize',
        {
          subnetId: "[parameters('subnet')]",
          containerInstanceSubnetId: ACI,
          proxyVmSize: 'Standard_A1_v2',
        },
        'warn',
        /proxyVmSize is set/,
      ],
      [
        'no vnetConfig',
        undefined,
        'fail',
        /^The build does not run in your own subnet: properties\.vmProfile\.vnetConfig is not set/,
      ],
      [
        'an empty vnetConfig',
        {},
        'fail',
        /^The build does not run in your own subnet: properties\.vmProfile\.vnetConfig\.subnetId is not set$/,
      ],
      [
        'only containerInstanceSubnetId',
        { containerInstanceSubnetId: ACI },
        'fail',
        /subnetId is not set/,
      ],
      ['a blank subnetId', { subnetId: '  ' }, 'fail', /subnetId is not set/],
      [
        'a subnetId that is not a string',
        { subnetId: 7 },
        'fail',
        /subnetId is not set/,
      ],
    ].map(([name, vnetConfig, status, message]) => ({
      name,
      vnetConfig,
      status,
      message,
    })),
  )('$name -> $status', ({ vnetConfig, status, message }: any) => {
    const outcome = evaluateRule(ownSubnetsRule, withVnet(vnetConfig));
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('fails a template without a vmProfile', () => {
    expect(evaluateRule(ownSubnetsRule, makeTemplate('t')).status).toBe('fail');
  });

  it('shows both subnet ids, and proxyVmSize when set, as evidence', () => {
    const outcome = evaluateRule(
      ownSubnetsRule,
      withVnet({ subnetId: BUILD, proxyVmSize: 'Standard_A1_v2' }),
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.vmProfile.vnetConfig.subnetId',
        observed: BUILD,
        expected: 'the id of a subnet of your virtual network',
      },
      {
        path: 'properties.vmProfile.vnetConfig.containerInstanceSubnetId',
        observed: null,
        expected: 'another subnet of the same virtual network',
      },
      {
        path: 'properties.vmProfile.vnetConfig.proxyVmSize',
        observed: 'Standard_A1_v2',
      },
    ]);
  });
});
