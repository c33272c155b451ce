import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  evaluateRule,
  makeSnapshot,
  makeSubscription,
  makeTemplate,
} from '../engine/__testUtils__/snapshots';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { customizerChecksumRule } from './customizerChecksum';

const SHA = 'a'.repeat(64);
const SCRIPT = 'https://example.com/scripts/setup.sh';

const shell = (extra: object = {}) => ({
  type: 'Shell',
  name: 'setup',
  scriptUri: SCRIPT,
  ...extra,
});

function withSteps(customize: unknown): ArmResource {
  return makeTemplate('t', { customize });
}

describe('customizer-checksum', () => {
  it('has the metadata of RULES.md #14', () => {
    expect(customizerChecksumRule.metadata).toMatchObject({
      id: 'customizer-checksum',
      number: 14,
      severity: 'high',
    });
  });

  it.each(
    [
      [
        'a Shell script with a checksum',
        [shell({ sha256Checksum: SHA })],
        'pass',
      ],
      [
        'PowerShell and File with checksums',
        [
          {
            type: 'PowerShell',
            name: 'ps',
            scriptUri: 'https://e.com/a.ps1',
            sha256Checksum: SHA,
          },
          {
            type: 'File',
            name: 'f',
            sourceUri: 'https://e.com/f.zip',
            destination: 'c:\\f.zip',
            sha256Checksum: SHA,
          },
        ],
        'pass',
      ],
      [
        'types in another casing, with checksums',
        [
          { type: 'shell', scriptUri: SCRIPT, sha256Checksum: SHA },
          { type: 'FILE', sourceUri: SCRIPT, sha256Checksum: SHA },
        ],
        'pass',
      ],
      [
        'a checksum given by an expression',
        [shell({ sha256Checksum: "[parameters('sha')]" })],
        'pass',
      ],
      ['a Shell script without checksum', [shell()], 'fail'],
      [
        'a Shell script with an empty checksum',
        [shell({ sha256Checksum: '' })],
        'fail',
      ],
      [
        'a Shell script with a blank checksum',
        [shell({ sha256Checksum: '   ' })],
        'fail',
      ],
      [
        'a PowerShell script without checksum',
        [{ type: 'PowerShell', scriptUri: 'https://e.com/a.ps1' }],
        'fail',
      ],
      [
        'a File without checksum',
        [{ type: 'File', sourceUri: 'https://e.com/f', destination: '/tmp/f' }],
        'fail',
      ],
      [
        'a lower-case powershell step without checksum',
        [{ type: 'powershell', scriptUri: 'https://e.com/a.ps1' }],
        'fail',
      ],
      [
        'one of two without checksum',
        [shell({ sha256Checksum: SHA }), shell({ name: 'second' })],
        'fail',
      ],
      ['no customize', undefined, 'not-applicable'],
      ['an empty customize', [], 'not-applicable'],
      [
        'only inline steps and restarts',
        [
          { type: 'Shell', name: 'inline', inline: ['echo hi'] },
          { type: 'PowerShell', inline: ['Write-Host hi'] },
          { type: 'WindowsRestart' },
          { type: 'WindowsUpdate' },
        ],
        'not-applicable',
      ],
      [
        'a File without sourceUri',
        [{ type: 'File', destination: '/tmp/f' }],
        'not-applicable',
      ],
      [
        'a Shell step with an empty scriptUri',
        [{ type: 'Shell', scriptUri: '' }],
        'not-applicable',
      ],
      [
        'a Shell step with sourceUri (not its field)',
        [{ type: 'Shell', sourceUri: SCRIPT }],
        'not-applicable',
      ],
      [
        'an unknown step type with scriptUri',
        [{ type: 'Bash', scriptUri: SCRIPT }],
        'not-applicable',
      ],
      ['entries that are not steps', [null, 'x', 3], 'not-applicable'],
      [
        'customize that is not a list',
        { type: 'Shell', scriptUri: SCRIPT },
        'not-applicable',
      ],
      ['customize given by an expression', "[variables('steps')]", 'unknown'],
    ].map(([name, customize, status]) => ({ name, customize, status })),
  )('$name -> $status', ({ customize, status }: any) => {
    expect(
      evaluateRule(customizerChecksumRule, withSteps(customize)).status,
    ).toBe(status);
  });

  it('names each offending step by index, name and type', () => {
    const outcome = evaluateRule(
      customizerChecksumRule,
      withSteps([
        { type: 'Shell', name: 'inline', inline: ['echo'] },
        shell({ sha256Checksum: SHA }),
        shell({ name: 'install', sha256Checksum: '' }),
        { type: 'File', sourceUri: 'https://e.com/f', destination: '/tmp/f' },
      ]),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe(
      "2 of 3 customizer step(s) download a file without a sha256Checksum: #2 'install' (Shell), #3 (File)",
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.customize[2].sha256Checksum',
        observed: '',
        expected: 'the SHA-256 checksum of the downloaded file',
        note: `step #2 'install' (Shell) downloads scriptUri ${SCRIPT}`,
      },
      {
        path: 'properties.customize[3].sha256Checksum',
        observed: null,
        expected: 'the SHA-256 checksum of the downloaded file',
        note: 'step #3 (File) downloads sourceUri https://e.com/f',
      },
    ]);
  });

  it('never shows a SAS signature of a URI', () => {
    const outcome = evaluateRule(
      customizerChecksumRule,
      withSteps([
        {
          type: 'File',
          name: 'blob',
          sourceUri:
            'https://acct.blob.core.windows.net/c/f.zip?sv=2022-11-02&sig=SECRETSIGNATURE123%3D',
        },
      ]),
    );
    expect(outcome.status).toBe('fail');
    expect(JSON.stringify(outcome)).not.toContain('SECRETSIGNATURE123');
    expect(outcome.evidence[0].note).toContain(
      'https://acct.blob.core.windows.net/c/f.zip',
    );
  });

  it('shows every checksum when it passes', () => {
    const outcome = evaluateRule(
      customizerChecksumRule,
      withSteps([shell({ sha256Checksum: SHA })]),
    );
    expect(outcome.message).toBe(
      'Every customizer step that downloads a file pins it with a sha256Checksum (1 step(s))',
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.customize[0].sha256Checksum',
        observed: SHA,
        note: `step #0 'setup' (Shell) downloads scriptUri ${SCRIPT}`,
      },
    ]);
  });

  it('says why it does not apply', () => {
    const outcome = evaluateRule(
      customizerChecksumRule,
      withSteps([{ type: 'WindowsRestart' }]),
    );
    expect(outcome.message).toMatch(/No customizer step downloads a file/);
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.customize',
        observed: '1 step(s), none downloading a file',
      },
    ]);
  });

  /*
   * PSRule for Azure's oracle for Azure.ImageBuilder.CustomizeHash (PEERS.md §1): its test data
   * calls the AVM image-template module three times; translated by hand into ARM resource bodies
   * (customizationSteps -> properties.customize, validationProcess -> properties.validate,
   * imageSource -> properties.source). PEERS.md elides the middle of the script path and of the
   * checksum, so those are stand-ins of the same shape.
   */
  describe('PSRule Azure.ImageBuilder.CustomizeHash cases', () => {
    const scriptUri =
      'https://raw.githubusercontent.com/Azure/bicep-registry-modules/refs/heads/main/avm/res/virtual-machine-images/image-template/tests/e2e/max/src/Install-LinuxPowerShell.sh';
    // The two ends PEERS.md quotes, padded to 64 hex digits.
    const checksum = `8d469f68${'0'.repeat(49)}eb15b92`;
    const avmTemplate = (name: string, properties: object) =>
      makeTemplate(name, {
        source: {
          type: 'PlatformImage',
          publisher: 'canonical',
          offer: 'ubuntu-24_04-lts',
          sku: 'server',
          version: 'latest',
        },
        vmProfile: { vmSize: 'Standard_D2s_v3', osDiskSizeGB: 128 },
        buildTimeoutInMinutes: 0,
        ...properties,
      });

    it('image-001 (Shell scriptUri without hash) fails, as in PSRule', () => {
      const step = {
        type: 'Shell',
        name: 'PowerShell installation',
        scriptUri,
      };
      const outcome = evaluateRule(
        customizerChecksumRule,
        avmTemplate('image-001-0', {
          customize: [step],
          validate: { inVMValidations: [{ ...step, name: 'Validate' }] },
        }),
      );
      expect(outcome.status).toBe('fail');
      expect(outcome.evidence[0].path).toBe(
        'properties.customize[0].sha256Checksum',
      );
    });

    it('image-002 (the same with sha256Checksum) passes, as in PSRule', () => {
      const step = {
        type: 'Shell',
        name: 'PowerShell installation',
        scriptUri,
        sha256Checksum: checksum,
      };
      const outcome = evaluateRule(
        customizerChecksumRule,
        avmTemplate('image-002-0', {
          customize: [step],
          validate: { inVMValidations: [{ ...step, name: 'Validate' }] },
        }),
      );
      expect(outcome.status).toBe('pass');
    });

    it('image-003 (no customize, no validate) is not-applicable where PSRule passes: not failing either way', () => {
      const outcome = evaluateRule(
        customizerChecksumRule,
        avmTemplate('image-003-0', {}),
      );
      expect(outcome.status).toBe('not-applicable');
    });
  });
});

describe('customizer-checksum across templates', () => {
  it('shares the outcome of templates whose download steps say the same', () => {
    const a = makeTemplate('a', { customize: [shell()] });
    const b = makeTemplate('b', { customize: [{ ...shell() }] });
    const c = makeTemplate('c', { customize: [shell({ name: 'other' })] });
    const index = SnapshotIndex.build(
      makeSnapshot([makeSubscription({ imageTemplates: [a, b, c] })]),
    );
    const [ofA, ofB, ofC] = index.templates.map(({ template, subscription }) =>
      customizerChecksumRule.evaluate({
        template,
        subscription,
        index,
        options: {},
      }),
    );
    expect(ofB).toBe(ofA);
    expect(Object.isFrozen(ofA)).toBe(true);
    expect(ofC).not.toBe(ofA);
    expect(ofC.message).toContain("'other'");
  });
});
