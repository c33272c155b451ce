import { SnapshotSubscription } from '@aib-scorecards/plugin-azure-image-builder-common';
import { keepReferencedRoleDefinitions } from './referencedRoleDefinitions';

const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const CUSTOM = '11111111-2222-4333-8444-555555555555';

const definition = (sub: string, guid: string) => ({
  id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
  name: guid,
});
const assignment = (roleDefinitionId: string) => ({
  id: `/subscriptions/a/providers/Microsoft.Authorization/roleAssignments/${roleDefinitionId.length}`,
  properties: { roleDefinitionId, principalId: 'p' },
});

function subscription(
  id: string,
  roleAssignments: SnapshotSubscription['roleAssignments'],
  roleDefinitions: SnapshotSubscription['roleDefinitions'],
): SnapshotSubscription {
  return {
    subscriptionId: id,
    resourceGroups: null,
    imageTemplates: [],
    triggers: [],
    locks: [],
    roleAssignments,
    roleDefinitions,
    userAssignedIdentities: [],
    errors: [],
  };
}

describe('keepReferencedRoleDefinitions', () => {
  it('keeps the definitions any assignment of the read references, by GUID', () => {
    const [a, b, c] = keepReferencedRoleDefinitions([
      subscription(
        'a',
        [
          assignment(
            `/providers/Microsoft.Authorization/roleDefinitions/${READER.toUpperCase()}`,
          ),
        ],
        [definition('a', READER), definition('a', OWNER)],
      ),
      subscription(
        'b',
        [
          assignment(
            `/subscriptions/b/providers/Microsoft.Authorization/roleDefinitions/${CUSTOM}`,
          ),
        ],
        [
          definition('b', OWNER),
          definition('b', CUSTOM),
          definition('b', READER),
        ],
      ),
      // Assignments unknown: every definition is kept.
      subscription('c', null, [definition('c', OWNER)]),
    ]);
    expect(a.roleDefinitions?.map(d => d.name)).toEqual([READER]);
    expect(b.roleDefinitions?.map(d => d.name)).toEqual([CUSTOM, READER]);
    expect(c.roleDefinitions?.map(d => d.name)).toEqual([OWNER]);
  });

  it('keeps null definitions null', () => {
    const [a] = keepReferencedRoleDefinitions([
      subscription('a', [assignment(READER)], null),
    ]);
    expect(a.roleDefinitions).toBeNull();
  });
});
