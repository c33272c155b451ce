/*
 * Secrets never leave: a snapshot whose templates carry a SAS signature and inline passwords is
 * scanned by the real plugin, and none of those values reaches the scorecards, the database rows,
 * the REST API or the logs, while rule no-embedded-secrets still says where each secret is.
 */
import {
  ArmResource,
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createRuleEngine,
  DEFAULT_OWNERSHIP,
  parseSnapshot,
  scoreSnapshot,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import {
  coreServices,
  createServiceFactory,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import { Knex } from 'knex';
import request from 'supertest';
import { azureImageBuilderPlugin } from '../plugin';
import {
  imageTemplate,
  snapshot,
  subscription,
} from '../__testUtils__/snapshots';
import { waitFor } from 'azure-arm-emulator';

jest.setTimeout(60_000);

const SUB = '55555555-5555-5555-5555-555555555555';
const SUB_UNLISTED = '66666666-6666-6666-6666-666666666666';
const BASE = '/api/azure-image-builder';

// The secret values. Each is searched for lower-cased in lower-cased text, since ids and keys are
// lower-cased on their way to the database.
const SIG = 'ZxSasSignatureValue0123456789AbCdEf%2B%3D';
const PASSWORD = 'Inline-Literal-Passw0rd!';
const SECURE_STRING = 'Plain-Text-SecureString-42';
const TOKEN = 'BearerTokenValue9876543210xyz';
const SECRETS = [
  SIG,
  // The signature decoded, in case something decodes the URI on its way.
  decodeURIComponent(SIG),
  PASSWORD,
  SECURE_STRING,
  TOKEN,
];

const sasUri = (path: string) =>
  `https://stimages.blob.core.windows.net/scripts/${path}?sv=2022-11-02&sp=r&se=2027-01-01T00:00:00Z&sr=b&sig=${SIG}`;

/** Every place a template can carry one of the secrets. */
const leaky: ArmResource = imageTemplate(SUB, 'leaky', {
  customize: [
    { type: 'Shell', name: 'setup', scriptUri: sasUri('setup.sh') },
    {
      type: 'PowerShell',
      name: 'local-admin',
      inline: [
        `$adminPassword = '${PASSWORD}'`,
        `$secure = ConvertTo-SecureString '${SECURE_STRING}' -AsPlainText -Force`,
        `Invoke-WebRequest -Headers @{ Authorization = 'Bearer ${TOKEN}' } -Uri https://example.com/a`,
      ],
    },
    {
      type: 'File',
      name: 'payload',
      sourceUri: sasUri('payload.zip'),
      destination: '/tmp/payload.zip',
    },
  ],
  validate: {
    inVMValidations: [
      { type: 'Shell', name: 'smoke', scriptUri: sasUri('smoke.sh') },
    ],
  },
  distribute: [{ type: 'VHD', runOutputName: 'vhd', uri: sasUri('image.vhd') }],
  lastRunStatus: {
    runState: 'Failed',
    message: `Customization failed: could not download ${sasUri(
      'setup.sh',
    )} (403)`,
  },
});

/** Left out of the read (customize is not a list): its problem is logged and stored. */
const malformed = {
  ...imageTemplate(SUB, 'malformed'),
  properties: { customize: `curl -fsSL "${sasUri('x.sh')}" | bash` },
};

/** Not an image template id at all: left out, and its problem names the item by this id. */
const notAnId = {
  ...imageTemplate(SUB, 'odd'),
  id: sasUri('not-an-id'),
};

const leakySnapshot = snapshot(
  {
    ...subscription(SUB, [leaky, malformed as ArmResource, notAnId]),
    // An error whose message quotes a URI: rules show it as evidence of `unknown`.
    locks: null,
    errors: [
      {
        collection: 'locks',
        code: 'AuthorizationFailed',
        message: `GET ${sasUri('locks')} returned 403`,
      },
    ],
  },
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

/** The secret values found in a text, case-insensitively: `[]` when none leaked. */
function leaked(text: string): string[] {
  const lower = text.toLowerCase();
  return SECRETS.filter(s => lower.includes(s.toLowerCase()));
}

/** A root logger that keeps every line, with its metadata and its child loggers' fields. */
function collectingLogger(
  lines: string[],
  fields: Record<string, unknown> = {},
): RootLoggerService {
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

async function allRows(knex: Knex): Promise<Record<string, unknown[]>> {
  const client = String(knex.client.config.client);
  const tables: string[] = client.includes('sqlite')
    ? (
        await knex('sqlite_master')
          .where({ type: 'table' })
          .whereNot('name', 'like', 'sqlite_%')
          .select('name')
      ).map((r: { name: string }) => r.name)
    : (
        await knex('information_schema.tables')
          .whereRaw('table_schema = current_schema()')
          .select('table_name')
      ).map((r: { table_name: string }) => r.table_name);
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    rows[table] = await knex(table).select();
  }
  return rows;
}

describe('secrets never leave the backend', () => {
  it('the scorecards scoreSnapshot returns hold none, and say where each secret is', () => {
    const { snapshot: loaded } = parseSnapshot(leakySnapshot);
    const cards = scoreSnapshot(loaded, {
      engine: createRuleEngine(),
      sourceId: 'leaky',
      ownership: DEFAULT_OWNERSHIP,
    });
    expect(cards).toHaveLength(1);
    expect(leaked(JSON.stringify(cards))).toEqual([]);

    const finding = cards[0].findings.find(
      f => f.ruleId === 'no-embedded-secrets',
    )!;
    expect(finding.status).toBe('fail');
    expect(finding.evidence.map(e => e.path)).toEqual(
      expect.arrayContaining([
        'properties.customize[0].scriptUri',
        'properties.customize[1].inline[0]',
        'properties.customize[1].inline[1]',
        'properties.customize[1].inline[2]',
        'properties.customize[2].sourceUri',
        'properties.validate.inVMValidations[0].scriptUri',
        'properties.distribute[0].uri',
      ]),
    );
    // The URIs stay readable, only the signature is hidden.
    expect(JSON.stringify(cards)).toContain(
      'https://stimages.blob.core.windows.net/scripts/setup.sh',
    );
  });

  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'stores, serves and logs none on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const mockDir = createMockDirectory();
      mockDir.setContent({ 'snapshot.json': JSON.stringify(leakySnapshot) });
      const lines: string[] = [];

      const { server } = await startTestBackend({
        features: [
          azureImageBuilderPlugin,
          mockServices.rootConfig.factory({
            data: {
              azureImageBuilder: {
                sources: [
                  {
                    id: 'leaky',
                    type: 'file',
                    path: mockDir.resolve('snapshot.json'),
                  },
                ],
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 0 },
                },
              },
            },
          }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: coreServices.rootLogger,
            deps: {},
            factory: () => collectingLogger(lines),
          }),
        ],
      });
      const get = (path: string) =>
        request(server)
          .get(`${BASE}${path}`)
          .set('Authorization', mockCredentials.user.header());

      // The API: the scorecard by ARM id and by entity ref.
      const served = await waitFor(
        'the scan to store the scorecard',
        () => get('/scorecards/by-resource-id').query({ id: leaky.id }),
        res => res.status === 200,
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      const card: Scorecard = served.body;
      const secretsFinding = card.findings.find(
        f => f.ruleId === 'no-embedded-secrets',
      );
      expect(secretsFinding?.status).toBe('fail');
      expect(leaked(JSON.stringify(card))).toEqual([]);

      const { kind, namespace, name } = parseEntityRef(card.entityRef);
      const byEntity = await get(
        `/scorecards/by-entity/${namespace}/${kind}/${name}`,
      );
      expect(byEntity.status).toBe(200);
      expect(leaked(byEntity.text)).toEqual([]);
      // Other reads of the API, whatever they answer (a list, 404): never a secret.
      for (const path of [
        '/scorecards',
        '/templates',
        `/scorecards/by-resource-id?id=${encodeURIComponent(malformed.id)}`,
      ]) {
        expect(leaked((await get(path)).text)).toEqual([]);
      }

      // The database: every row of every table of the plugin, as stored.
      const rows = await allRows(knex);
      const stored = JSON.stringify(rows);
      expect(stored).toContain('no-embedded-secrets');
      expect(leaked(stored)).toEqual([]);

      // The logs: the scan logged its summary and the left-out template, and no secret.
      await waitFor(
        'the scan to log its summary',
        async () => lines.some(l => l.includes('Scanned source')),
        logged => logged,
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(lines.some(l => /malformed/.test(l))).toBe(true);
      expect(leaked(lines.join('\n'))).toEqual([]);
    },
  );
});
