import { SnapshotIndex } from '../engine/SnapshotIndex';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  SUB,
  SUB_ID,
} from '../engine/__testUtils__/snapshots';
import {
  readStagingGroup,
  stagingGroupOf,
  templateIdentitiesOf,
} from './templateIdentities';

const STAGING = `${SUB_ID}/resourceGroups/rg-staging`;

function indexOf(...templates: ReturnType<typeof makeTemplate>[]) {
  return SnapshotIndex.build(
    makeSnapshot([makeSubscription({ imageTemplates: templates })]),
  );
}

describe('stagingGroupOf', () => {
  it('reads the group, its scope and its subscription as written', () => {
    const template = makeTemplate('tpl', {
      stagingResourceGroup: ` //subscriptions//${SUB.toUpperCase()}/resourceGroups/RG-Staging/ `,
    });
    const read = stagingGroupOf(indexOf(template), template);
    expect(read).toMatchObject({
      kind: 'known',
      group: {
        id: `//subscriptions//${SUB.toUpperCase()}/resourceGroups/RG-Staging/`,
        path: 'properties.stagingResourceGroup',
        configured: true,
      },
      scope: {
        key: `/subscriptions/${SUB}/resourcegroups/rg-staging`,
        kind: 'resourceGroup',
      },
      subscriptionId: SUB.toUpperCase(),
    });
  });

  it('falls back to the group the service reports, and says why it is unknown', () => {
    const exact = makeTemplate('tpl', { exactStagingResourceGroup: STAGING });
    expect(stagingGroupOf(indexOf(exact), exact)).toMatchObject({
      kind: 'known',
      group: { id: STAGING, configured: false },
      subscriptionId: SUB,
    });
    const notGroup = makeTemplate('tpl', { stagingResourceGroup: SUB_ID });
    const read = stagingGroupOf(indexOf(notGroup), notGroup);
    expect(read.kind).toBe('unknown');
    expect(readStagingGroup(notGroup)).toEqual({
      kind: 'unknown',
      reason: `properties.stagingResourceGroup '${SUB_ID}' is not a resource group id`,
      evidence: [
        { path: 'properties.stagingResourceGroup', observed: SUB_ID },
        { path: 'properties.exactStagingResourceGroup', observed: null },
      ],
    });
  });

  it('reads a template once per index, and again for another index', () => {
    const template = makeTemplate('tpl', { stagingResourceGroup: STAGING });
    const next = makeTemplate('next', { stagingResourceGroup: STAGING });
    const index = indexOf(template, next);
    const read = stagingGroupOf(index, template);
    expect(stagingGroupOf(index, template)).toBe(read);
    const identities = templateIdentitiesOf(index, template);
    expect(templateIdentitiesOf(index, template)).toBe(identities);
    expect(stagingGroupOf(index, next)).not.toBe(read);
    expect(stagingGroupOf(index, next)).toEqual(read);
    // Rules may run one after the other over all templates.
    expect(stagingGroupOf(index, template)).toBe(read);
    expect(templateIdentitiesOf(index, template)).toBe(identities);
    const other = indexOf(template);
    expect(stagingGroupOf(other, template)).not.toBe(read);
    expect(stagingGroupOf(other, template)).toEqual(read);
  });
});
