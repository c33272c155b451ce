import {
  ArmResource,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { generateSnapshot } from '../../bench/generateSnapshot';
import { findSecretsInValue, redactSecrets } from './redact';
import { redactSnapshot } from './redactSnapshot';

const SAS =
  'https://st.blob.core.windows.net/c/setup.sh?sv=2022&sig=S3CR3T%2Bsig';

function template(name: string, extra: Record<string, unknown> = {}) {
  return {
    id: `/subscriptions/s1/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`,
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    properties: {
      source: { type: 'PlatformImage', offer: 'ubuntu' },
      customize: [
        { type: 'Shell', name: 'setup', scriptUri: 'https://x/a.sh' },
      ],
      ...extra,
    },
  } as ArmResource;
}

function snapshotOf(...templates: ArmResource[]): Snapshot {
  return {
    schemaVersion: 1,
    capturedAt: '2026-11-26T00:00:00Z',
    subscriptions: [
      {
        subscriptionId: 's1',
        imageTemplates: templates,
        triggers: [],
        locks: [
          {
            id: '/subscriptions/s1/providers/Microsoft.Authorization/locks/l',
            properties: { level: 'CanNotDelete', notes: 'password=hunter22' },
          },
        ],
        roleAssignments: null,
        roleDefinitions: null,
        userAssignedIdentities: null,
      },
    ],
  } as unknown as Snapshot;
}

describe('redactSnapshot', () => {
  it('gives what redactSecrets gives, and leaves the snapshot as it was', () => {
    const snapshot = snapshotOf(
      template('clean'),
      template('leaky', {
        customize: [
          { type: 'Shell', name: 'a', scriptUri: SAS },
          {
            type: 'Shell',
            name: 'b',
            inline: ["export DB_PASSWORD='pa55word!'"],
          },
        ],
        adminPassword: 'literal',
      }),
    );
    const before = JSON.stringify(snapshot);
    const { snapshot: redacted } = redactSnapshot(snapshot);
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(redacted).toEqual(redactSecrets(snapshot));
    const text = JSON.stringify(redacted);
    for (const secret of ['S3CR3T', 'pa55word', 'literal', 'hunter22']) {
      expect(text).not.toContain(secret);
    }
  });

  it('copies only what changes: clean templates and collections are the same objects', () => {
    const clean = template('clean');
    const leaky = template('leaky', {
      customize: [{ type: 'Shell', name: 'a', scriptUri: SAS }],
    });
    const snapshot = snapshotOf(clean, leaky);
    const { snapshot: redacted } = redactSnapshot(snapshot);
    const [sub] = redacted.subscriptions;
    expect(sub.imageTemplates![0]).toBe(clean);
    expect(sub.imageTemplates![1]).not.toBe(leaky);
    // The leaky template's untouched parts are shared, its changed path copied.
    expect(sub.imageTemplates![1].properties!.source).toBe(
      leaky.properties!.source,
    );
    expect(sub.triggers).toBe(snapshot.subscriptions[0].triggers);
    // The lock's notes hold a password: the lock list is a copy.
    expect(sub.locks).not.toBe(snapshot.subscriptions[0].locks);

    const untouched = snapshotOf(template('a'), template('b'));
    untouched.subscriptions[0].locks = [];
    expect(redactSnapshot(untouched).snapshot).toBe(untouched);
  });

  it('records each template’s secrets with the paths findSecretsInValue gives, under both forms of the template', () => {
    const leaky = template('leaky', {
      customize: [
        { type: 'Shell', name: 'a', scriptUri: SAS },
        {
          type: 'Shell',
          name: 'b',
          inline: ['ok', "export API_TOKEN='abc123xyz'"],
        },
      ],
      'odd key': { clientSecret: 'plain' },
    });
    const clean = template('clean');
    const { snapshot, secrets } = redactSnapshot(snapshotOf(clean, leaky));
    const expected = findSecretsInValue(leaky);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(secrets.get(leaky)).toEqual(expected);
    expect(secrets.get(snapshot.subscriptions[0].imageTemplates![1])).toEqual(
      expected,
    );
    expect(secrets.get(clean)).toEqual([]);
    expect(expected.map(e => e.path)).toEqual(
      expect.arrayContaining([
        'properties.customize[0].scriptUri',
        'properties.customize[1].inline[1]',
        'properties["odd key"].clientSecret',
      ]),
    );
  });

  it('redacts a secret in an object key, and reports it at that key', () => {
    const leaky = template('leaky', {
      tags: { [SAS]: 'x' },
    });
    const { snapshot, secrets } = redactSnapshot(snapshotOf(leaky));
    expect(JSON.stringify(snapshot)).not.toContain('S3CR3T');
    expect(secrets.get(leaky)).toEqual([
      expect.objectContaining({
        kind: 'sas',
        path: expect.stringMatching(/^properties\.tags\[/),
      }),
    ]);
  });

  it('copies a template with a cycle as redactSecrets does, and finds its secrets', () => {
    const looped = template('looped', {
      customize: [{ type: 'Shell', name: 'a', scriptUri: SAS }],
    }) as any;
    looped.properties.self = looped.properties;
    const { snapshot, secrets } = redactSnapshot(snapshotOf(looped));
    const copy = snapshot.subscriptions[0].imageTemplates![0] as any;
    expect(copy.properties.self).toBe(copy.properties);
    expect(copy.properties.customize[0].scriptUri).not.toContain('S3CR3T');
    expect(secrets.get(looped)).toEqual([
      expect.objectContaining({ path: 'properties.customize[0].scriptUri' }),
    ]);
  });

  it('agrees with redactSecrets and findSecretsInValue on a generated snapshot', () => {
    const snapshot = generateSnapshot({
      templates: 120,
      subscriptions: 2,
      full: true,
      capturedAt: '2026-11-26T00:00:00Z',
    });
    const { snapshot: redacted, secrets } = redactSnapshot(snapshot);
    expect(redacted).toEqual(redactSecrets(snapshot));
    let withSecrets = 0;
    for (const sub of snapshot.subscriptions) {
      for (const t of sub.imageTemplates ?? []) {
        const expected = findSecretsInValue(t);
        if (expected.length) withSecrets++;
        expect(secrets.get(t)).toEqual(expected);
      }
    }
    expect(withSecrets).toBeGreaterThan(10);
  });
});
