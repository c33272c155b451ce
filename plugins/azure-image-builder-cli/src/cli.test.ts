import '@microsoft/jest-sarif';
import {
  getRuleMetadata,
  RULE_METADATA,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '@aib-scorecards/plugin-azure-image-builder-node';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './cli';
import { memoryIo } from './__testUtils__/io';
import {
  goodTemplate,
  INLINE_PASSWORD,
  lowFailTemplate,
  SAS_SIG,
  secretTemplate,
  snapshotOf,
  SUB,
  tempDir,
  templateId,
  TWO_RULES_CONFIG,
  TYPE,
} from './__testUtils__/inputs';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(ROOT, 'examples/azure-snapshot.json');

/** Runs the CLI in-process in `cwd`. */
async function run(
  args: string[],
  options: { cwd: string; isTTY?: boolean; env?: Record<string, string> },
) {
  const { io, stdout, stderr } = memoryIo(options);
  const code = await runCli(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

function findingOf(json: any, templateName: string, ruleId: string) {
  const card = json.scorecards.find(
    (s: any) => s.templateName === templateName,
  );
  return card?.findings.find((f: any) => f.ruleId === ruleId);
}

describe('aib-scorecard score', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  const cwd = dir.path;

  describe('inputs', () => {
    it('scores a snapshot with the JSON shape of DESIGN.md exactly', async () => {
      const { code, stdout, stderr } = await run(
        ['score', EXAMPLE, '--format', 'json'],
        { cwd },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      expect(Object.keys(json)).toEqual(['scorecards']);
      expect(json.scorecards).toHaveLength(10);
      for (const card of json.scorecards) {
        expect(Object.keys(card)).toEqual([
          'templateId',
          'templateName',
          'score',
          'findings',
        ]);
        expect(card.templateId).toBe(card.templateId.toLowerCase());
        expect(card.score === null || typeof card.score === 'number').toBe(
          true,
        );
        expect(card.findings).toHaveLength(RULE_METADATA.length);
        for (const f of card.findings) {
          expect(Object.keys(f)).toEqual([
            'ruleId',
            'status',
            'severity',
            'message',
            'remediationUrl',
            'evidence',
          ]);
          expect(f.remediationUrl).toBe(
            getRuleMetadata(f.ruleId)!.remediationUrl,
          );
        }
      }
      // The examples' README table.
      expect(json.scorecards.map((s: any) => s.templateName)).toEqual([
        'it-ubuntu2204-base-weu',
        'it-ubuntu2204-base-neu',
        'it-win2022-base-weu',
        'it-win11-avd-weu',
        'it-rhel9-cis-neu',
        'it-datasci-ubuntu2204-weu',
        'it-ubuntu2404-dev-eus',
        'it-ubuntu2404-dev-wus2',
        'it-win2019-legacy-eus',
        'it-alma9-sandbox',
      ]);
      expect(findingOf(json, 'it-rhel9-cis-neu', 'template-lock').status).toBe(
        'fail',
      );
      expect(findingOf(json, 'it-win11-avd-weu', 'template-lock').status).toBe(
        'warn',
      );
      expect(findingOf(json, 'it-alma9-sandbox', 'template-lock').status).toBe(
        'unknown',
      );
      expect(
        findingOf(json, 'it-datasci-ubuntu2204-weu', 'vm-boot-optimization')
          .status,
      ).toBe('not-applicable');
    });

    it('scores a single ARM template: triggers, locks and roles are unknown', async () => {
      dir.write('single.json', goodTemplate('it-single'));
      const { code, stdout } = await run(
        ['score', 'single.json', '-f', 'json'],
        { cwd },
      );
      expect(code).toBe(0);
      const [card] = JSON.parse(stdout).scorecards;
      expect(card.templateId).toBe(templateId('it-single').toLowerCase());
      const status = (id: string) =>
        card.findings.find((f: any) => f.ruleId === id).status;
      for (const rule of [
        'template-lock',
        'source-image-trigger',
        'template-access',
        'staging-resource-group-access',
        'template-identity-privilege',
      ]) {
        expect([rule, status(rule)]).toEqual([rule, 'unknown']);
      }
      expect(status('vm-boot-optimization')).toBe('pass');
      expect(status('customizer-checksum')).toBe('pass');
    });

    it('gives templates without an id a synthetic one named after the file', async () => {
      const body = goodTemplate('hello');
      delete body.id;
      dir.write('templates/body.json', body);
      const { stdout } = await run(
        ['score', 'templates/body.json', '-f', 'json'],
        { cwd },
      );
      expect(JSON.parse(stdout).scorecards[0].templateId).toBe(
        `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/templates_body.json/providers/${TYPE}/hello`.toLowerCase(),
      );
    });

    it('scores an ARM list response and a deployment template with nested deployments', async () => {
      dir.write('list.json', {
        value: [goodTemplate('it-a'), goodTemplate('it-b')],
        nextLink: null,
      });
      const inDeployment = (name: string) => {
        const t = goodTemplate(name);
        delete t.id;
        return {
          ...t,
          apiVersion: '2024-02-01',
          location: "[parameters('location')]",
        };
      };
      dir.write('deploy.json', {
        $schema:
          'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { location: { type: 'string' } },
        resources: [
          inDeployment('it-top'),
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'nested',
            properties: {
              mode: 'Incremental',
              template: { resources: [inDeployment('it-nested')] },
            },
          },
        ],
      });
      const { code, stdout, stderr } = await run(
        ['score', 'list.json', 'deploy.json', '-f', 'json'],
        { cwd },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      expect(json.scorecards.map((s: any) => s.templateName)).toEqual([
        'it-a',
        'it-b',
        'it-top',
        'it-nested',
      ]);
    });

    it('scores the templates of all ARM files as one scan (image families across files)', async () => {
      dir.write(
        'weu.json',
        goodTemplate('it-fam-weu', { tags: { 'image-family': 'fam' } }),
      );
      dir.write(
        'neu.json',
        goodTemplate('it-fam-neu', {
          location: 'northeurope',
          tags: { 'image-family': 'fam' },
        }),
      );
      const alone = JSON.parse(
        (await run(['score', 'weu.json', '-f', 'json'], { cwd })).stdout,
      );
      expect(
        findingOf(alone, 'it-fam-weu', 'dr-replicated-template').status,
      ).toBe('fail');
      const together = JSON.parse(
        (await run(['score', 'weu.json', 'neu.json', '-f', 'json'], { cwd }))
          .stdout,
      );
      expect(
        findingOf(together, 'it-fam-weu', 'dr-replicated-template').status,
      ).toBe('pass');
    });
  });

  describe('formats', () => {
    it('writes SARIF 2.1.0 that code scanning takes', async () => {
      // From the repository root, as in CI.
      const { code, stdout } = await run(
        ['score', 'examples/azure-snapshot.json', '--format', 'sarif'],
        { cwd: ROOT },
      );
      expect(code).toBe(0);
      const sarif = JSON.parse(stdout);
      expect(sarif).toBeValidSarifLog();
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
      expect(sarif.runs).toHaveLength(1);
      const [runLog] = sarif.runs;
      expect(runLog.tool.driver.name).toBe('aib-scorecard');
      expect(runLog.tool.driver.informationUri).toMatch(/^https:\/\//);
      const rules = runLog.tool.driver.rules;
      expect(rules.map((r: any) => r.id)).toEqual(RULE_METADATA.map(r => r.id));
      for (const rule of rules) {
        const meta = getRuleMetadata(rule.id)!;
        expect(rule.helpUri).toBe(meta.remediationUrl);
        expect(rule.shortDescription.text).toBe(meta.title);
        expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
        expect(rule.defaultConfiguration.level).toBe(
          { high: 'error', medium: 'warning', low: 'note' }[meta.severity],
        );
      }

      const json = JSON.parse(
        (await run(['score', EXAMPLE, '-f', 'json'], { cwd })).stdout,
      );
      const failing = json.scorecards.flatMap((s: any) =>
        s.findings
          .filter((f: any) => f.status === 'fail' || f.status === 'warn')
          .map((f: any) => ({ s, f })),
      );
      expect(runLog.results).toHaveLength(failing.length);
      expect(
        runLog.results.filter((r: any) => r.level === 'error'),
      ).toHaveLength(
        failing.filter(({ f }: any) => f.status === 'fail').length,
      );
      for (const result of runLog.results) {
        expect(['error', 'warning']).toContain(result.level);
        expect(rules[result.ruleIndex].id).toBe(result.ruleId);
        const [location] = result.locations;
        expect(location.physicalLocation.artifactLocation.uri).toBe(
          'examples/azure-snapshot.json',
        );
        expect(location.physicalLocation.region.startLine).toBeGreaterThan(1);
        expect(location.logicalLocations[0].fullyQualifiedName).toMatch(
          /\/providers\/Microsoft\.VirtualMachineImages\/imageTemplates\//,
        );
        expect(result.message.text).toContain(
          location.logicalLocations[0].name,
        );
      }
      // The rhel template fails its lock: one error result, at that template's line.
      const rhel = runLog.results.find(
        (r: any) =>
          r.ruleId === 'template-lock' &&
          r.locations[0].logicalLocations[0].name === 'it-rhel9-cis-neu',
      );
      expect(rhel.level).toBe('error');
      const text = fs.readFileSync(EXAMPLE, 'utf8').split('\n');
      expect(
        text[rhel.locations[0].physicalLocation.region.startLine - 1],
      ).toContain('/imageTemplates/it-rhel9-cis-neu"');
    });

    it('writes a table without colours when stdout is not a terminal', async () => {
      dir.write('low.json', lowFailTemplate());
      const plain = await run(['score', 'low.json'], { cwd });
      expect(plain.code).toBe(0);
      expect(plain.stdout).not.toContain('\u001b[');
      expect(plain.stdout).toMatch(/^it-low {2}score \d+\/100\n/);
      expect(plain.stdout).toMatch(
        /\n {2}FAIL {5}low {5}vm-boot-optimization +VM boot optimization is not enabled/,
      );
      expect(plain.stdout).toMatch(/\n1 template: \d+ fail, /);
      // Failures come first.
      const statuses = plain.stdout
        .split('\n')
        .filter(l => /^ {2}[A-Z/]+ /.test(l))
        .map(l => l.trim().split(/\s+/)[0]);
      expect(statuses.indexOf('FAIL')).toBe(0);
      expect(statuses.lastIndexOf('FAIL')).toBeLessThan(
        statuses.indexOf('PASS'),
      );

      const tty = await run(['score', 'low.json'], { cwd, isTTY: true });
      expect(tty.stdout).toContain('\u001b[31mFAIL');
      const noColor = await run(['score', 'low.json'], {
        cwd,
        isTTY: true,
        env: { NO_COLOR: '1' },
      });
      expect(noColor.stdout).toBe(plain.stdout);
    });

    it('writes Markdown for a pull request comment', async () => {
      dir.write('two.json', {
        value: [lowFailTemplate('it-md|pipe'), goodTemplate('it-ok')],
      });
      dir.write('two-rules.yaml', TWO_RULES_CONFIG);
      const { code, stdout } = await run(
        ['score', 'two.json', '-f', 'markdown', '-c', 'two-rules.yaml'],
        { cwd },
      );
      expect(code).toBe(0);
      expect(stdout).toContain(
        '| Template | File | Score | Fail | Warn | Unknown | Pass | Waived |',
      );
      expect(stdout).toContain('| `it-md\\|pipe` | `two.json:');
      expect(stdout).toMatch(
        /\| `it-ok` \| `two\.json:\d+` \| 100 \| 0 \| 0 \| 0 \| 2 \| 0 \|/,
      );
      // Only the failing template gets a section, with its failing finding linked to the fix.
      expect(stdout).toContain('### `it-md\\|pipe`: 75/100');
      expect(stdout).not.toContain('### `it-ok`');
      expect(stdout).toContain(
        `| ❌ fail | low | [vm-boot-optimization](${
          getRuleMetadata('vm-boot-optimization')!.remediationUrl
        }) |`,
      );
    });
  });

  describe('--fail-on and exit codes', () => {
    beforeAll(() => {
      dir.write('two-rules.yaml', TWO_RULES_CONFIG);
      dir.write('low-only.json', lowFailTemplate());
      dir.write('high.json', secretTemplate());
    });

    const quiet = /^$/;
    it.each([
      ['low-only.json', undefined, 0, quiet],
      [
        'low-only.json',
        'low',
        1,
        /^aib-scorecard: 1 failing finding of severity low or higher \(--fail-on low\)\n$/,
      ],
      ['low-only.json', 'medium', 0, quiet],
      ['low-only.json', 'high', 0, quiet],
      [
        'high.json',
        'high',
        1,
        /^aib-scorecard: 1 failing finding of severity high \(--fail-on high\)\n$/,
      ],
      ['high.json', 'medium', 1, /\(--fail-on medium\)\n$/],
    ])(
      '%s --fail-on %s exits %i',
      async (file, failOn, expected, stderrPattern) => {
        const args = ['score', file, '-c', 'two-rules.yaml', '-f', 'json'];
        if (failOn) args.push('--fail-on', failOn);
        const { code, stderr } = await run(args, { cwd });
        expect(code).toBe(expected);
        expect(stderr).toMatch(stderrPattern);
      },
    );

    it('does not count waived findings', async () => {
      dir.write(
        'waiver.yaml',
        [
          'azureImageBuilder:',
          '  exemptions:',
          '    - rule: vm-boot-optimization',
          '      selector:',
          `        templateId: ${templateId('it-low')}`,
          '      reason: Boot optimization breaks our agent',
          '      grantedBy: user:default/ana',
          '      expires: 2099-12-31',
          '',
        ].join('\n'),
      );
      const { code, stdout } = await run(
        [
          'score',
          'low-only.json',
          '-c',
          'two-rules.yaml',
          '-c',
          'waiver.yaml',
          '--fail-on',
          'low',
          '-f',
          'json',
        ],
        { cwd },
      );
      expect(code).toBe(0);
      const card = JSON.parse(stdout).scorecards[0];
      expect(card.findings.map((f: any) => [f.ruleId, f.status])).toEqual([
        ['vm-boot-optimization', 'waived'],
        ['customizer-checksum', 'pass'],
      ]);
    });

    it('warns about an expired exemption, which no longer waives', async () => {
      dir.write(
        'expired.yaml',
        [
          'azureImageBuilder:',
          '  exemptions:',
          '    - rule: vm-boot-optimization',
          '      selector: { tag: { name: owner, value: team-images } }',
          '      reason: Until the agent is fixed',
          '      grantedBy: user:default/ana',
          '      expires: 2020-01-31',
          '',
        ].join('\n'),
      );
      const { code, stderr } = await run(
        [
          'score',
          'low-only.json',
          '-c',
          'two-rules.yaml',
          '-c',
          'expired.yaml',
          '--fail-on',
          'low',
          '-f',
          'json',
        ],
        { cwd },
      );
      expect(code).toBe(1);
      expect(stderr).toContain(
        'aib-scorecard: warning: azureImageBuilder.exemptions[0] (rule vm-boot-optimization) expired on 2020-01-31 and no longer applies\n',
      );
    });

    it('fails the examples on high findings without any config', async () => {
      const { code } = await run(
        ['score', EXAMPLE, '--fail-on', 'high', '-f', 'json'],
        { cwd },
      );
      expect(code).toBe(1);
    });
  });

  describe('unreadable input', () => {
    it('exits 2 naming a file that is not JSON, with line and column', async () => {
      dir.write('broken.json', '{\n  "value": [\n    {,\n  ]\n}\n');
      const { code, stdout, stderr } = await run(
        ['score', 'broken.json', '-f', 'json'],
        { cwd },
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /^aib-scorecard: broken\.json: not JSON \(.* at line 3 column 6\)\n/,
      );
      expect(JSON.parse(stdout)).toEqual({ scorecards: [] });
    });

    it('exits 2 naming a missing file and still scores the others', async () => {
      dir.write('ok.json', goodTemplate('it-ok'));
      const { code, stdout, stderr } = await run(
        ['score', 'missing.json', 'ok.json', '--fail-on', 'low', '-f', 'json'],
        { cwd },
      );
      expect(code).toBe(2);
      expect(stderr).toContain('aib-scorecard: missing.json: file not found\n');
      expect(
        JSON.parse(stdout).scorecards.map((s: any) => s.templateName),
      ).toEqual(['it-ok']);
    });

    it('reports a bad template of a snapshot naming it and the field, scores the rest, and exits 2', async () => {
      const bad = goodTemplate('it-bad');
      bad.properties.customize = 'not a list';
      dir.write('snap.json', snapshotOf(goodTemplate('it-fine'), bad));
      const { code, stdout, stderr } = await run(
        ['score', 'snap.json', '-f', 'json'],
        { cwd },
      );
      expect(code).toBe(2);
      expect(stderr).toContain(
        `aib-scorecard: snap.json: subscriptions[0] (${SUB}): imageTemplates[1] (${templateId(
          'it-bad',
        )}): properties.customize: expected an array, got a string; template left out\n`,
      );
      expect(
        JSON.parse(stdout).scorecards.map((s: any) => s.templateName),
      ).toEqual(['it-fine']);
    });

    it('exits 2 for what is neither a snapshot nor an ARM template', async () => {
      dir.write('other.json', { hello: 'world' });
      const { code, stderr } = await run(['score', 'other.json'], { cwd });
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /^aib-scorecard: other\.json: not a snapshot or an ARM image template/,
      );
    });

    it('exits 2 on usage errors, 0 on --help and --version', async () => {
      expect((await run(['score'], { cwd })).code).toBe(2);
      const badFormat = await run(['score', 'ok.json', '-f', 'xml'], { cwd });
      expect(badFormat.code).toBe(2);
      expect(badFormat.stderr).toMatch(/argument 'xml' is invalid/);
      expect(
        (await run(['score', 'ok.json', '--fail-on', 'critical'], { cwd }))
          .code,
      ).toBe(2);
      expect((await run(['frobnicate'], { cwd })).code).toBe(2);
      const help = await run(['score', '--help'], { cwd });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--fail-on <severity>');
      const version = await run(['--version'], { cwd });
      expect(version.code).toBe(0);
      expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    });
  });

  describe('--config', () => {
    it('turns a rule off', async () => {
      dir.write('ok.json', goodTemplate('it-ok'));
      dir.write(
        'off.yaml',
        'azureImageBuilder:\n  rules:\n    disabled: [template-lock]\n',
      );
      const json = JSON.parse(
        (
          await run(['score', 'ok.json', '-c', 'off.yaml', '-f', 'json'], {
            cwd,
          })
        ).stdout,
      );
      const ids = json.scorecards[0].findings.map((f: any) => f.ruleId);
      expect(ids).not.toContain('template-lock');
      expect(ids).toHaveLength(RULE_METADATA.length - 1);
      const sarif = JSON.parse(
        (
          await run(['score', 'ok.json', '-c', 'off.yaml', '-f', 'sarif'], {
            cwd,
          })
        ).stdout,
      );
      expect(
        sarif.runs[0].tool.driver.rules.map((r: any) => r.id),
      ).not.toContain('template-lock');
    });

    it('changes a severity', async () => {
      dir.write(
        'sev.yaml',
        'azureImageBuilder:\n  rules:\n    vm-boot-optimization: { severity: high }\n',
      );
      dir.write('low-only.json', lowFailTemplate());
      const { code } = await run(
        [
          'score',
          'low-only.json',
          '-c',
          'sev.yaml',
          '--fail-on',
          'high',
          '-f',
          'json',
        ],
        { cwd },
      );
      expect(code).toBe(1);
    });

    it('exits 2 naming the file and the key of bad config', async () => {
      dir.write(
        'typo.yaml',
        'azureImageBuilder:\n  rules:\n    disabled: [no-such-rule]\n',
      );
      const typo = await run(['score', 'ok.json', '-c', 'typo.yaml'], { cwd });
      expect(typo.code).toBe(2);
      expect(typo.stderr).toMatch(
        /^aib-scorecard: typo\.yaml: Invalid config at azureImageBuilder\.rules\.disabled\[0\]: unknown rule "no-such-rule"/,
      );
      expect(typo.stdout).toBe('');
      const missing = await run(['score', 'ok.json', '-c', 'nope.yaml'], {
        cwd,
      });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(
        /^aib-scorecard: nope\.yaml: could not read config/,
      );
      dir.write('bad.yaml', 'azureImageBuilder:\n  rules: [\n');
      const yaml = await run(['score', 'ok.json', '-c', 'bad.yaml'], { cwd });
      expect(yaml.code).toBe(2);
      expect(yaml.stderr).toMatch(
        /^aib-scorecard: bad\.yaml: could not read config \(/,
      );
    });
  });

  describe('secrets', () => {
    it('never writes a SAS signature or an inline secret, in any format', async () => {
      // The test is only meaningful if redaction recognises them.
      expect(redactString(`x?sig=${SAS_SIG}`)).not.toContain(SAS_SIG);
      expect(redactString(`--password=${INLINE_PASSWORD}`)).not.toContain(
        INLINE_PASSWORD,
      );
      const leaky = secretTemplate('it-leaky');
      // An id that is not one, holding a secret, ends up in an error message.
      const broken = { ...secretTemplate('x'), id: `/oops?sig=${SAS_SIG}` };
      dir.write('secret.json', { value: [leaky, broken] });
      for (const format of ['table', 'json', 'sarif', 'markdown']) {
        const { code, stdout, stderr } = await run(
          ['score', 'secret.json', '-f', format],
          { cwd, isTTY: true },
        );
        expect(code).toBe(2);
        expect(stdout).toContain('it-leaky');
        expect(stderr).toContain('secret.json: value[1]');
        for (const secret of [SAS_SIG, INLINE_PASSWORD]) {
          expect(stdout).not.toContain(secret);
          expect(stderr).not.toContain(secret);
        }
      }
      const json = JSON.parse(
        (await run(['score', 'secret.json', '-f', 'json'], { cwd })).stdout,
      );
      expect(findingOf(json, 'it-leaky', 'no-embedded-secrets').status).toBe(
        'fail',
      );
    });
  });
});

// The real image templates others collected (resource bodies and deployment templates from
// Microsoft's repositories); absent outside the project's workspace.
const fixtures = path.resolve(__dirname, '../../../../shared/fixtures');
const withFixtures = fs.existsSync(fixtures) ? describe : describe.skip;

withFixtures('aib-scorecard score on the shared fixtures', () => {
  const index: Array<{ file: string; kind: string }> = JSON.parse(
    fs.readFileSync(path.join(fixtures, 'INDEX.json'), 'utf8'),
  );
  const files = index
    .filter(e => e.kind === 'arm-template' || e.kind === 'resource-body')
    .map(e => e.file);

  it('scores every template file, with no unreadable input', async () => {
    expect(files.length).toBeGreaterThan(5);
    const { code, stdout, stderr } = await run(
      ['score', ...files, '-f', 'json'],
      { cwd: fixtures },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.scorecards.length).toBeGreaterThanOrEqual(files.length);
    for (const card of json.scorecards) {
      const status = (id: string) =>
        card.findings.find((f: any) => f.ruleId === id).status;
      // No locks, triggers or role data in these files: never a fail for those.
      expect(status('template-lock')).toBe('unknown');
      expect(status('template-access')).toBe('unknown');
    }
  });
});
