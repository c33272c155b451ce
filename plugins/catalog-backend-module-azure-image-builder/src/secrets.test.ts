/*
 * Secrets never leave: templates that carry a SAS signature and inline passwords become catalog
 * entities, and none of those values reaches an entity (`templateToEntity` and the provider's
 * mutation) or the provider's logs.
 */
import {
  ANNOTATION_AZURE_RESOURCE_ID,
  ArmResource,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  DEFAULT_OWNERSHIP,
  FileSource,
  templateToEntity,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  imageTemplate,
  snapshot,
  subscription,
} from './__testUtils__/testData';
import { AzureImageBuilderEntityProvider } from './provider/AzureImageBuilderEntityProvider';

const SUB = '00000000-0000-0000-0000-00000000005e';
const SUB_UNLISTED = '00000000-0000-0000-0000-00000000005f';

// Each is searched for lower-cased in lower-cased text: entity names and keys are lower-cased.
const SIG = 'CatalogSasSignature0123456789QwErTy%2F%3D';
const PASSWORD = 'Catalog-Inline-Passw0rd!';
const TAG_TOKEN = 'TagTokenLiteral5551234';
const SECRETS = [SIG, decodeURIComponent(SIG), PASSWORD, TAG_TOKEN];

const sasUri = (path: string) =>
  `https://stimages.blob.core.windows.net/scripts/${path}?sv=2022-11-02&sp=r&sr=b&sig=${SIG}`;

const base = imageTemplate(SUB, 'leaky', { tags: { owner: 'team-images' } });
const leaky: ArmResource = {
  ...base,
  tags: {
    owner: 'team-images',
    'bootstrap-uri': sasUri('boot.sh'),
    note: `token=${TAG_TOKEN}`,
  },
  properties: {
    ...base.properties,
    customize: [
      { type: 'Shell', name: 'setup', scriptUri: sasUri('setup.sh') },
      {
        type: 'Shell',
        name: 'users',
        inline: [`echo 'admin:${PASSWORD}' | sudo chpasswd`],
      },
    ],
    distribute: [
      { type: 'VHD', runOutputName: 'vhd', uri: sasUri('image.vhd') },
    ],
    lastRunStatus: {
      runState: 'Failed',
      message: `could not download ${sasUri('setup.sh')}`,
    },
  },
};

/** Left out of the read (customize is not a list): its problem is logged. */
const malformed = {
  ...imageTemplate(SUB, 'malformed'),
  properties: { customize: `ADMIN_PASSWORD=${PASSWORD} ./setup.sh` },
};

const listed = subscription(SUB, [leaky, malformed as ArmResource]);
const leakySnapshot = snapshot(
  listed,
  subscription(SUB_UNLISTED, null, {
    errors: [
      {
        collection: 'imageTemplates',
        code: 'RequestFailed',
        message: `listing failed at ${sasUri('list')}`,
      },
    ],
  }),
);

function leaked(text: string): string[] {
  const lower = text.toLowerCase();
  return SECRETS.filter(s => lower.includes(s.toLowerCase()));
}

/** A logger that keeps every line with its metadata and its children's fields. */
function collectingLogger(
  lines: string[],
  fields: Record<string, unknown> = {},
): LoggerService {
  const log = (level: string) => (message: string, meta?: unknown) => {
    const extra =
      meta instanceof Error
        ? `${meta.name}: ${meta.message}\n${meta.stack}`
        : JSON.stringify(meta ?? {});
    lines.push(`${level} ${message} ${extra} ${JSON.stringify(fields)}`);
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: meta => collectingLogger(lines, { ...fields, ...meta }),
  };
}

describe('secrets never leave the catalog module', () => {
  it('templateToEntity copies none into the entity', () => {
    const entity = templateToEntity(leaky, leakySnapshot.subscriptions[0], {
      providerName: 'azure-image-builder-provider:leaky',
      sourceId: 'leaky',
      ownership: DEFAULT_OWNERSHIP,
    });
    expect(leaked(JSON.stringify(entity))).toEqual([]);
    // The tag is kept, with its value redacted.
    expect(entity.metadata.tags).toContainEqual(
      expect.stringMatching(/^note-token-/),
    );
  });

  it('the provider emits and logs none', async () => {
    const mockDir = createMockDirectory();
    const lines: string[] = [];
    const taskRunner = { run: jest.fn() };
    const connection: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    };
    const provider = new AzureImageBuilderEntityProvider({
      source: new FileSource({
        id: 'leaky',
        type: 'file',
        path: mockDir.resolve('snapshot.json'),
      }),
      ownership: DEFAULT_OWNERSHIP,
      taskRunner,
      logger: collectingLogger(lines),
    });
    await provider.connect(connection);
    const run = () =>
      taskRunner.run.mock.calls[0][0].fn(new AbortController().signal);

    // First every subscription is listed; then one is not, and the provider logs why.
    mockDir.setContent({ 'snapshot.json': JSON.stringify(snapshot(listed)) });
    await run();
    mockDir.setContent({ 'snapshot.json': JSON.stringify(leakySnapshot) });
    await run();

    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    const applied = JSON.stringify(connection.applyMutation.mock.calls);
    expect(leaked(applied)).toEqual([]);
    const [[first]] = connection.applyMutation.mock.calls;
    expect(first.type === 'full' && first.entities).toEqual([
      expect.objectContaining({
        entity: expect.objectContaining({
          metadata: expect.objectContaining({
            annotations: expect.objectContaining({
              [ANNOTATION_AZURE_RESOURCE_ID]: leaky.id,
            }),
          }),
        }),
      }),
    ]);

    const logged = lines.join('\n');
    expect(logged).toMatch(/malformed/);
    expect(logged).toMatch(
      /could not be listed \(RequestFailed: listing failed/,
    );
    expect(leaked(logged)).toEqual([]);
  });
});
