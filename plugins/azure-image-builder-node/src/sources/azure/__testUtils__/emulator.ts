/*
 * Test helpers: the example snapshot of the repository served by the ARM emulator, and azure
 * sources pointed at it (ClientSecretCredential against its token endpoint, its CA trusted
 * in-process).
 */
import {
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ArmEmulator,
  ArmEmulatorOptions,
  createCertificates,
  startArmEmulator,
} from 'azure-arm-emulator';
import fs from 'node:fs';
import path from 'node:path';
import { AzureSourceConfig } from '../../../config/types';
import { DEFAULT_OWNERSHIP } from '../../../config/types';
import { createRuleEngine } from '../../../engine/createRuleEngine';
import { scoreSnapshot } from '../../../engine/scoreSnapshot';
import { parseSnapshot } from '../../../snapshot/parseSnapshot';
import { AzureSource } from '../AzureSource';
import { AzureSourceOptions } from '../types';

export const EXAMPLE_FILE = path.resolve(
  __dirname,
  '../../../../../../examples/azure-snapshot.json',
);
export const CLIENT_ID = '6a1e4c55-0000-4000-8000-00000000c11e';
export const CLIENT_SECRET = 'emulator-test-secret-value';

/** A fresh copy of the example snapshot (examples/azure-snapshot.json), as parsed JSON. */
export function exampleSnapshot(): Snapshot {
  return JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
}

export function subscriptionOf(
  snapshot: Snapshot,
  index: number,
): SnapshotSubscription {
  return snapshot.subscriptions[index];
}

let certificates: ReturnType<typeof createCertificates> | undefined;

/** Starts the emulator (certificates made once per test file: key generation is slow). */
export function startEmulator(
  options: Partial<ArmEmulatorOptions> & { snapshot: unknown },
): Promise<ArmEmulator> {
  certificates ??= createCertificates();
  return startArmEmulator({
    certificates,
    clients: { [CLIENT_ID]: CLIENT_SECRET },
    ...options,
  });
}

/** An azure source reading the emulator as a service principal of the snapshot's tenant. */
export function emulatorSource(
  emulator: ArmEmulator,
  config: Partial<AzureSourceConfig> = {},
  options: AzureSourceOptions & { logger?: LoggerService } = {},
): AzureSource {
  return new AzureSource(
    {
      id: 'emulator',
      type: 'azure',
      credential: {
        type: 'clientSecret',
        tenantId: emulator.tenants[0],
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      endpoints: { resourceManager: emulator.url, authorityHost: emulator.url },
      collectResourceGroups: true,
      ...config,
    },
    {
      ca: emulator.caPem,
      // Fast retries: tests of 5xx and resets would otherwise wait seconds.
      retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
      ...options,
    },
  );
}

/** Each template's scorecard, without the capture time: what "the same scores" compares. */
export function scoresByTemplate(snapshot: Snapshot) {
  const loaded = parseSnapshot(snapshot);
  const scorecards = scoreSnapshot(loaded.snapshot, {
    engine: createRuleEngine(),
    sourceId: 'emulator',
    ownership: DEFAULT_OWNERSHIP,
    now: new Date('2026-11-21T00:00:00Z'),
  });
  return new Map(
    scorecards.map(({ scannedAt: _, ...scorecard }) => [
      scorecard.templateId,
      scorecard,
    ]),
  );
}

/** The findings of one rule, per template id. */
export function ruleStatuses(snapshot: Snapshot, ruleId: string) {
  return [...scoresByTemplate(snapshot).values()].map(s => ({
    templateId: s.templateId,
    status: s.findings.find(f => f.ruleId === ruleId)?.status,
  }));
}
