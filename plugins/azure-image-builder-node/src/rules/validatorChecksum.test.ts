import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { customizerChecksumRule } from './customizerChecksum';
import { validatorChecksumRule } from './validatorChecksum';

const SHA = 'b'.repeat(64);
const SCRIPT = 'https://example.com/scripts/validate.sh';

const shell = (extra: object = {}) => ({
  type: 'Shell',
  name: 'check',
  scriptUri: SCRIPT,
  ...extra,
});

function withValidate(validate: unknown): ArmResource {
  return makeTemplate('t', validate === undefined ? {} : { validate });
}

const validations = (inVMValidations: unknown) => ({ inVMValidations });

describe('validator-checksum', () => {
  it('has the metadata of RULES.md #15', () => {
    expect(validatorChecksumRule.metadata).toMatchObject({
      id: 'validator-checksum',
      number: 15,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'a Shell validator with a checksum',
        validations([shell({ sha256Checksum: SHA })]),
        'pass',
      ],
      [
        'PowerShell and File validators with checksums, beside continueDistributeOnFailure',
        {
          continueDistributeOnFailure: false,
          sourceValidationOnly: false,
          inVMValidations: [
            {
              type: 'PowerShell',
              scriptUri: 'https://e.com/v.ps1',
              sha256Checksum: SHA,
            },
            {
              type: 'File',
              sourceUri: 'https://e.com/f.zip',
              destination: 'c:\\f.zip',
              sha256Checksum: SHA,
            },
          ],
        },
        'pass',
      ],
      [
        'a lower-case type with a checksum',
        validations([
          { type: 'shell', scriptUri: SCRIPT, sha256Checksum: SHA },
        ]),
        'pass',
      ],
      ['a Shell validator without checksum', validations([shell()]), 'fail'],
      [
        'a blank checksum',
        validations([shell({ sha256Checksum: ' ' })]),
        'fail',
      ],
      [
        'a File validator without checksum',
        validations([{ type: 'File', sourceUri: 'https://e.com/f' }]),
        'fail',
      ],
      [
        'one of two without checksum',
        validations([shell({ sha256Checksum: SHA }), shell({ name: 'two' })]),
        'fail',
      ],
      ['no validate', undefined, 'not-applicable'],
      ['validate without inVMValidations', {}, 'not-applicable'],
      ['an empty inVMValidations', validations([]), 'not-applicable'],
      [
        'only inline validators',
        validations([
          { type: 'Shell', inline: ['test -f /etc/ready'] },
          { type: 'PowerShell', inline: ['Test-Path C:\\ready'] },
        ]),
        'not-applicable',
      ],
      [
        'inVMValidations that is not a list',
        validations(shell()),
        'not-applicable',
      ],
      ['validate that is not an object', 'yes', 'not-applicable'],
      ['validate given by an expression', "[variables('v')]", 'unknown'],
      [
        'inVMValidations given by an expression',
        validations("[parameters('validators')]"),
        'unknown',
      ],
    ].map(([name, validate, status]) => ({ name, validate, status })),
  )('$name -> $status', ({ validate, status }: any) => {
    expect(
      evaluateRule(validatorChecksumRule, withValidate(validate)).status,
    ).toBe(status);
  });

  it('names each offending validator with its path under properties.validate', () => {
    const outcome = evaluateRule(
      validatorChecksumRule,
      withValidate(
        validations([
          { type: 'Shell', inline: ['true'] },
          shell({ name: 'smoke', sha256Checksum: '' }),
        ]),
      ),
    );
    expect(outcome).toEqual({
      status: 'fail',
      message:
        "1 of 1 validator step(s) download a file without a sha256Checksum: #1 'smoke' (Shell)",
      evidence: [
        {
          path: 'properties.validate.inVMValidations[1].sha256Checksum',
          observed: '',
          expected: 'the SHA-256 checksum of the downloaded file',
          note: `step #1 'smoke' (Shell) downloads scriptUri ${SCRIPT}`,
        },
      ],
    });
  });

  it('says which expression hides the validators', () => {
    expect(
      evaluateRule(validatorChecksumRule, withValidate("[variables('v')]")),
    ).toEqual({
      status: 'unknown',
      message:
        "The validator steps are an unresolved template expression ([variables('v')])",
      evidence: [
        {
          path: 'properties.validate',
          observed: "[variables('v')]",
          note: 'unresolved ARM template expression',
        },
      ],
    });
  });

  it('says why it does not apply', () => {
    const outcome = evaluateRule(validatorChecksumRule, withValidate({}));
    expect(outcome.message).toBe(
      'No validator step downloads a file (no Shell or PowerShell scriptUri, no File sourceUri)',
    );
    expect(outcome.evidence).toEqual([
      { path: 'properties.validate.inVMValidations', observed: null },
    ]);
  });

  it('never shows a SAS signature of a URI', () => {
    const outcome = evaluateRule(
      validatorChecksumRule,
      withValidate(
        validations([
          shell({
            scriptUri:
              'https://acct.blob.core.windows.net/c/v.sh?sv=2022-11-02&sig=VALIDATORSIG%3D',
          }),
        ]),
      ),
    );
    expect(outcome.status).toBe('fail');
    expect(JSON.stringify(outcome)).not.toContain('VALIDATORSIG');
  });

  it('looks only at validators, and customizer-checksum only at customizers', () => {
    const template = makeTemplate('t', {
      customize: [shell({ sha256Checksum: SHA })],
      validate: validations([shell()]),
    });
    expect(evaluateRule(validatorChecksumRule, template).status).toBe('fail');
    expect(evaluateRule(customizerChecksumRule, template).status).toBe('pass');
  });

  // PSRule's oracle for Azure.ImageBuilder.ValidateHash (PEERS.md §1): the same three AVM module
  // calls as for CustomizeHash, translated by hand (validationProcess -> properties.validate).
  describe('PSRule Azure.ImageBuilder.ValidateHash cases', () => {
    const scriptUri =
      'https://raw.githubusercontent.com/Azure/bicep-registry-modules/refs/heads/main/avm/res/virtual-machine-images/image-template/tests/e2e/max/src/Install-LinuxPowerShell.sh';
    const checksum = `8d469f68${'0'.repeat(49)}eb15b92`;
    const step = (extra: object = {}) => ({
      type: 'Shell',
      name: 'Validate',
      scriptUri,
      ...extra,
    });

    it.each([
      ['image-001-0', validations([step()]), 'fail'],
      [
        'image-002-0',
        validations([step({ sha256Checksum: checksum })]),
        'pass',
      ],
      // PSRule passes it; not-applicable is "not failing" too.
      ['image-003-0', undefined, 'not-applicable'],
    ])('%s -> %s', (_, validate, status) => {
      expect(
        evaluateRule(validatorChecksumRule, withValidate(validate)).status,
      ).toBe(status);
    });
  });
});
